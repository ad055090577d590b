import type { z } from 'zod';
import { isPlainString, literalPattern, NUMBER, STRING_CONTENT } from './json-patterns.js';
import { NotCompilable } from './not-compilable.js';
import { checksOf } from './zod-checks.js';

type Check = ReturnType<typeof checksOf>[number];

/** One schema node: where its value is in the match, and the zod checks it must pass. */
export type ValueNode =
  | {
      readonly kind: 'string' | 'number' | 'boolean';
      readonly group: number;
      readonly checks: readonly Check[];
    }
  | {
      readonly kind: 'values';
      readonly group: number;
      /** JSON text → value, for null, literals and enums. */
      readonly byText: ReadonlyMap<string, unknown>;
      readonly checks: readonly Check[];
    }
  | {
      readonly kind: 'nullable';
      readonly nullGroup: number;
      readonly inner: ValueNode;
      /** The wrapper's own checks (a `field()` decimal check on a nullable), run on null too. */
      readonly checks: readonly Check[];
    }
  | ObjectNode;

export interface ObjectNode {
  readonly kind: 'object';
  readonly properties: readonly PropertyNode[];
  readonly checks: readonly Check[];
  /** Whether the object is built: its own checks, or an enclosing object's, read it. */
  readonly build: boolean;
}

export interface PropertyNode {
  readonly key: string;
  readonly value: ValueNode;
  /** Required, or the group that matched only when the key is there, and what an absent key gives. */
  readonly presence:
    | { readonly kind: 'required' }
    | { readonly kind: 'optional'; readonly group: number }
    | { readonly kind: 'default'; readonly group: number; readonly value: () => unknown };
  /**
   * The optional or default wrapper's own checks (`field()` puts its decimal check on the schema it is
   * given, wrapper or not): zod runs them on the value, and on an absent optional key ignores them.
   */
  readonly wrapperChecks: readonly Check[];
  /** The group holding the whole value's text, for a key compiled with `keep`. */
  readonly keptGroup?: number;
}

/** A schema node's pattern and its reading. */
export interface Compiled<N extends ValueNode = ValueNode> {
  readonly pattern: string;
  readonly node: N;
}

interface Context {
  /**
   * Inside a value whose text is stored as it is (EVENT_DATA, the source block): a default filling an
   * absent key would make the parsed value differ from that text, so the key is required here.
   */
  readonly sliced: boolean;
  /** An enclosing object's checks read this value. */
  readonly build: boolean;
}

/** Numbers the capture groups of one regular expression in the order their parentheses are written. */
export class GroupCounter {
  #count = 0;
  next(): number {
    this.#count += 1;
    return this.#count;
  }
}

type Def = Record<string, unknown>;

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

/**
 * The pattern of the JSON text JSON.stringify writes for an object schema's valid values, each key in
 * `keep` captured whole (it must hold an object). Throws {@link NotCompilable} outside the subset:
 * objects, strings, numbers, booleans, null, literals, enums, and optional, nullable and default
 * wrappers (one optional or default around at most one nullable).
 *
 * @example
 * const { pattern, node } = compileObjectPattern(definition.schema, new GroupCounter(), new Set(['event_data']));
 */
export function compileObjectPattern(
  schema: z.core.$ZodType,
  groups: GroupCounter,
  keep: ReadonlySet<string>,
): Compiled<ObjectNode> {
  const def = defOf(schema);
  if (def.type !== 'object') throw new NotCompilable(`a ${String(def.type)} where an object is expected`);
  return compileObject(def, checksOf(schema), groups, { sliced: false, build: true }, keep);
}

function compileValue(schema: z.core.$ZodType, groups: GroupCounter, context: Context): Compiled {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return compileObject(def, checksOf(schema), groups, context, new Set());
    case 'nullable': {
      const checks = checksOf(schema);
      const nullGroup = groups.next();
      const inner = compileValue(def.innerType as z.core.$ZodType, groups, context);
      return {
        pattern: `(?:(null)|${inner.pattern})`,
        node: { kind: 'nullable', nullGroup, inner: inner.node, checks },
      };
    }
    case 'string':
      return leaf(schema, def, groups, `"(${STRING_CONTENT})"`);
    case 'number':
      return leaf(schema, def, groups, `(${NUMBER})`);
    case 'boolean':
      return leaf(schema, def, groups, '(true|false)');
    case 'null':
    case 'literal':
    case 'enum':
      return compileValues(schema, groups);
    default:
      throw new NotCompilable(`a ${String(def.type)} schema`);
  }
}

function leaf(schema: z.core.$ZodType, def: Def, groups: GroupCounter, pattern: string): Compiled {
  if (def.coerce === true) throw new NotCompilable(`a coercing ${String(def.type)}`);
  const kind = def.type as 'string' | 'number' | 'boolean';
  return { pattern, node: { kind, group: groups.next(), checks: checksOf(schema) } };
}

/** null, a literal or an enum: one of a fixed set of JSON texts, each standing for one value. */
function compileValues(schema: z.core.$ZodType, groups: GroupCounter): Compiled {
  const values = schema._zod.values;
  if (values === undefined || values.size === 0) throw new NotCompilable('an empty set of values');
  const byText = new Map<string, unknown>();
  for (const value of values) byText.set(jsonTextOf(value), value);
  return {
    pattern: `(${[...byText.keys()].map(literalPattern).join('|')})`,
    node: { kind: 'values', group: groups.next(), byText, checks: checksOf(schema) },
  };
}

function jsonTextOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && isPlainString(value)) return `"${value}"`;
  // -0 reads back as 0, which zod's value set also holds: leave that corner to the usual path.
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
  throw new NotCompilable(`the literal ${String(value)}`);
}

/** A comma unless this is the first key written: the character before it is then the object's `{`. */
const SEPARATOR_UNLESS_FIRST_WRITTEN = '(?:(?<=\\{)|(?<!\\{),)';

/**
 * `{` the keys in the shape's order `}`, exactly: an unknown, repeated or reordered key does not
 * match, so JSON.parse's value has the shape's keys in order, as zod's output does.
 */
function compileObject(
  def: Def,
  checks: readonly Check[],
  groups: GroupCounter,
  context: Context,
  keep: ReadonlySet<string>,
): Compiled<ObjectNode> {
  const build = context.build || checks.length > 0;
  const properties: PropertyNode[] = [];
  const patterns: string[] = [];
  let anyRequiredBefore = false;
  for (const [key, schema] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
    const separator = properties.length === 0 ? '' : anyRequiredBefore ? ',' : SEPARATOR_UNLESS_FIRST_WRITTEN;
    const name = `${separator}${keyPattern(key)}`;
    const compiled = keep.has(key)
      ? keptProperty(key, schema, name, groups, build)
      : compileProperty(key, schema, name, groups, { sliced: context.sliced, build });
    properties.push(compiled.node);
    patterns.push(compiled.pattern);
    if (compiled.node.presence.kind === 'required') anyRequiredBefore = true;
  }
  return {
    pattern: `\\{${patterns.join('')}\\}`,
    node: { kind: 'object', properties, checks, build },
  };
}

function keptProperty(
  key: string,
  schema: z.core.$ZodType,
  name: string,
  groups: GroupCounter,
  build: boolean,
): { pattern: string; node: PropertyNode } {
  if (defOf(schema).type !== 'object') throw new NotCompilable(`${key} that is not an object`);
  const keptGroup = groups.next();
  const value = compileValue(schema, groups, { sliced: true, build });
  return {
    pattern: `${name}(${value.pattern})`,
    node: { key, value: value.node, presence: REQUIRED, wrapperChecks: [], keptGroup },
  };
}

const REQUIRED = { kind: 'required' } as const;

function compileProperty(
  key: string,
  schema: z.core.$ZodType,
  name: string,
  groups: GroupCounter,
  context: Context,
): { pattern: string; node: PropertyNode } {
  const def = defOf(schema);
  const wrapper = def.type === 'optional' || def.type === 'default' ? def.type : undefined;
  const inner = wrapper === undefined ? schema : (def.innerType as z.core.$ZodType);
  const innerType = defOf(inner).type;
  if (wrapper !== undefined && (innerType === 'optional' || innerType === 'default')) {
    throw new NotCompilable('nested optional wrappers');
  }
  const wrapperChecks = wrapper === undefined ? [] : checksOf(schema);
  if (wrapper === undefined || (wrapper === 'default' && context.sliced)) {
    const value = compileValue(inner, groups, context);
    return {
      pattern: `${name}${value.pattern}`,
      node: { key, value: value.node, presence: REQUIRED, wrapperChecks },
    };
  }
  const group = groups.next();
  const value = compileValue(inner, groups, context);
  const presence =
    wrapper === 'optional'
      ? ({ kind: 'optional', group } as const)
      : ({ kind: 'default', group, value: () => def.defaultValue } as const);
  return {
    pattern: `(?:${name}()${value.pattern})?`,
    node: { key, value: value.node, presence, wrapperChecks },
  };
}

function keyPattern(key: string): string {
  // Assigning `__proto__` would set the built object's prototype instead of a key.
  if (!isPlainString(key) || key === '__proto__') throw new NotCompilable(`the key ${JSON.stringify(key)}`);
  return `"${literalPattern(key)}":`;
}
