import type { z } from 'zod';
import { baseOf } from '../../events/field.js';
import { type ColumnScope, type Compiled, NotCompilable, type Slot } from './compiled.js';
import { customChecksOf, twinCovers } from './known-checks.js';
import { constant, literals } from './literal-compiler.js';
import { compileNumber, compileString, customCheck, numberFit } from './scalar-compiler.js';
import { allOf, anyOf, sqlString } from './sql-text.js';
import { isJsonBoolean, isJsonObject } from './value-sql.js';

/** The parse of one JSON object: a MAP of JSON texts and its key list, from stage `stage` on. */
export interface ObjectColumns {
  /** The column holding the MAP. */
  readonly map: string;
  /** The object's keys in order, as an SQL expression over `map`. */
  readonly keys: string;
  readonly stage: number;
}

/** What the compiler needs from the query being built. */
export interface SchemaScope extends ColumnScope {
  /** Columns holding the parse of the object text `json`, computed in `stage` where `guard` holds. */
  parseObject(stage: number, json: string, guard: string): ObjectColumns;
  /**
   * The field-level refinement codes the definition's SQL twin answers for; `undefined` without a
   * twin. Object-level refinements are the twin's whenever there is one.
   */
  readonly twinCovers: ReadonlySet<string> | undefined;
  /** Every field compiled so far, by dotted path, for the twin. */
  readonly values: Map<string, Compiled>;
}

type Def = Record<string, unknown>;

export function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** A key RAW's JSON writer and JSON.stringify spell alike. */
const PLAIN_KEY = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Compile one schema node at `slot`. Throws {@link NotCompilable} for anything outside the subset.
 *
 * @example
 * compileSchema(z.string().min(1), { leaf: 'ef_l3', present: 'ef_p4', stage: 1 }, ['name'], 'TRUE', scope).valid;
 */
export function compileSchema(
  schema: z.core.$ZodType,
  slot: Slot,
  path: readonly string[],
  guard: string,
  scope: SchemaScope,
): Compiled {
  const def = defOf(schema);
  const compiled = compileNode(schema, def, slot, path, guard, scope);
  scope.values.set(path.join('.'), compiled);
  return compiled;
}

function compileNode(
  schema: z.core.$ZodType,
  def: Def,
  slot: Slot,
  path: readonly string[],
  guard: string,
  scope: SchemaScope,
): Compiled {
  const { leaf, present } = slot;
  const inner = () => compileSchema(def.innerType as z.core.$ZodType, slot, path, guard, scope);
  switch (def.type) {
    case 'optional': {
      const c = inner();
      return withWrapperChecks(
        schema,
        {
          valid: anyOf([`NOT (${present})`, c.valid]),
          undecided: allOf([present, c.undecided]),
          render: `CASE WHEN ${present} THEN ${c.render} END`,
          canonical: allOf([present, c.canonical]),
          value: `CASE WHEN ${present} THEN ${c.value} END`,
        },
        slot,
        scope,
      );
    }
    case 'nullable': {
      const c = inner();
      const isNull = `${present} AND ${leaf} IS NULL`;
      return withWrapperChecks(
        schema,
        {
          valid: anyOf([isNull, c.valid]),
          undecided: c.undecided,
          // Absent is not null: an optional inside leaves the key out.
          render: `CASE WHEN ${isNull} THEN 'null' ELSE ${c.render} END`,
          canonical: `CASE WHEN ${isNull} THEN TRUE ELSE ${c.canonical} END`,
          value: c.value,
        },
        slot,
        scope,
      );
    }
    case 'default': {
      const c = inner();
      const fallback = constant(def.defaultValue);
      return withWrapperChecks(
        schema,
        {
          valid: anyOf([`NOT (${present})`, c.valid]),
          undecided: allOf([present, c.undecided]),
          render: `CASE WHEN ${present} THEN ${c.render} ELSE ${fallback.render} END`,
          canonical: allOf([present, c.canonical]),
          value: `CASE WHEN ${present} THEN ${c.value} ELSE ${fallback.value} END`,
        },
        slot,
        scope,
      );
    }
    case 'string':
      return compileString(def, slot, scope);
    case 'number':
      return compileNumber(def, slot, scope);
    case 'boolean':
      noChecks(schema, scope);
      return {
        valid: isJsonBoolean(leaf),
        undecided: 'FALSE',
        render: leaf,
        canonical: 'TRUE',
        value: `${leaf} = 'true'`,
      };
    case 'null':
      noChecks(schema, scope);
      return {
        valid: `${present} AND ${leaf} IS NULL`,
        undecided: 'FALSE',
        render: "'null'",
        canonical: 'TRUE',
        value: 'NULL',
      };
    case 'enum':
      noChecks(schema, scope);
      // zod's own value set: a numeric TS enum's entries also hold its reverse (name) mappings.
      return literals([...(schema._zod.values ?? [])], slot, scope);
    case 'literal':
      noChecks(schema, scope);
      return literals(def.values as readonly unknown[], slot, scope);
    case 'object':
      return compileNestedObject(schema, slot, path, guard, scope);
    default:
      throw new NotCompilable(`${path.join('.')}: zod type \`${String(def.type)}\` is not compiled`);
  }
}

function compileNestedObject(
  schema: z.core.$ZodType,
  slot: Slot,
  path: readonly string[],
  guard: string,
  scope: SchemaScope,
): Compiled {
  const isObject = allOf([slot.present, `${slot.leaf} IS NOT NULL`, isJsonObject(slot.leaf)]);
  const columns = scope.parseObject(slot.stage + 1, slot.leaf, allOf([guard, isObject]));
  return compileObject(schema, columns, isObject, path, guard, scope, slot.leaf);
}

/**
 * Compile a strict object whose parse is in `columns`: no unknown key, every field valid, output keys
 * in shape order (zod's output order). Duplicate keys are undecided: JSON.parse keeps the last value.
 */
export function compileObject(
  schema: z.core.$ZodType,
  columns: ObjectColumns,
  isObject: string,
  path: readonly string[],
  guard: string,
  scope: SchemaScope,
  /** The object's own JSON text as DuckDB hands it out, when it has one (not the line itself). */
  text?: string,
): Compiled {
  if (customChecksOf(schema).length > 0 && scope.twinCovers === undefined) {
    throw new NotCompilable(`${path.join('.') || 'event'}: a refinement without an SQL twin (sqlRules)`);
  }
  const otherChecks = ((defOf(schema).checks as readonly unknown[] | undefined) ?? []).length;
  if (otherChecks !== customChecksOf(schema).length) throw new NotCompilable('checks on an object');
  const keys = shapeKeys(schema, path);
  const shape = defOf(schema).shape as Record<string, z.core.$ZodType>;
  const fields = keys.map((key) => {
    const stage = columns.stage + 1;
    const slot = {
      leaf: scope.column(stage, `CAST(map_extract_value(${columns.map}, ${sqlString(key)}) AS VARCHAR)`, 'l'),
      present: scope.column(stage, `coalesce(map_contains(${columns.map}, ${sqlString(key)}), FALSE)`, 'p'),
      stage,
    };
    const child = shape[key];
    if (child === undefined) throw new NotCompilable(`${path.join('.')}: missing shape entry ${key}`);
    return { key, present: slot.present, compiled: compileSchema(child, slot, [...path, key], guard, scope) };
  });
  const exact = exactKeys(
    columns.keys,
    fields.map((f) => f.present),
  );
  const pieces = fields.map(
    ({ key, compiled }) => `${sqlString(`${JSON.stringify(key)}:`)} || ${compiled.render}`,
  );
  const rebuilt = pieces.length === 0 ? "'{}'" : `'{' || concat_ws(',', ${pieces.join(', ')}) || '}'`;
  // Every key once, in shape order, every part as printed: DuckDB's text of the object is the render.
  const canonical = allOf([
    `${columns.keys} = [${keys.map(sqlString).join(', ')}]::VARCHAR[]`,
    ...fields.map((f) => f.compiled.canonical),
  ]);
  return {
    valid: allOf([isObject, exact, ...fields.map((f) => f.compiled.valid)]),
    undecided: allOf([
      isObject,
      anyOf([duplicateKeys(columns.keys, exact), ...fields.map((f) => f.compiled.undecided)]),
    ]),
    render: text === undefined ? rebuilt : `CASE WHEN ${canonical} THEN ${text} ELSE ${rebuilt} END`,
    canonical: text === undefined ? 'FALSE' : canonical,
    value: 'NULL',
  };
}

/**
 * True when the object's keys are exactly distinct shape keys: as many keys as shape keys present.
 * Cheap (the presence columns exist anyway), unlike deduplicating the key list on every line.
 */
export function exactKeys(keys: string, presence: readonly string[]): string {
  const present = presence.length === 0 ? '0' : presence.map((p) => `CAST(${p} AS INTEGER)`).join(' + ');
  return `len(${keys}) = ${present}`;
}

/** A key given twice; only looked for (a costly dedup) on the rare lines whose keys are not exact. */
export function duplicateKeys(keys: string, exact: string): string {
  return `CASE WHEN ${exact} THEN FALSE ELSE len(${keys}) <> len(list_distinct(${keys})) END`;
}

/** The keys of a strict object, refusing what cannot be compiled exactly. */
export function shapeKeys(schema: z.core.$ZodType, path: readonly string[]): string[] {
  const def = defOf(schema);
  const catchall = def.catchall as z.core.$ZodType | undefined;
  if (catchall === undefined || defOf(catchall).type !== 'never') {
    throw new NotCompilable(`${path.join('.') || 'event'}: only strict objects are compiled`);
  }
  const keys = Object.keys(def.shape as Record<string, unknown>);
  const folded = new Set(keys.map((k) => k.toLowerCase()));
  if (folded.size !== keys.length || !keys.every((k) => PLAIN_KEY.test(k))) {
    throw new NotCompilable(
      `${path.join('.') || 'event'}: keys differing only by case, or with special characters`,
    );
  }
  return keys;
}

function noChecks(schema: z.core.$ZodType, scope: SchemaScope): void {
  const checks = (defOf(schema).checks as readonly unknown[] | undefined) ?? [];
  const custom = customChecksOf(schema);
  if (checks.length === custom.length && custom.every((c) => twinCovers(c, scope.twinCovers))) return;
  throw new NotCompilable('checks on a boolean, null, enum or literal');
}

/**
 * A wrapper's own checks (`z.number().optional().refine(…)`, `field()` around `.nullable()`): zod runs
 * them on the wrapper's output, the default included, and they pass on null and absent values, so
 * they are compiled on `compiled.value` where it is not NULL.
 */
function withWrapperChecks(
  schema: z.core.$ZodType,
  compiled: Compiled,
  slot: Slot,
  scope: SchemaScope,
): Compiled {
  const checks = (defOf(schema).checks as readonly z.core.$ZodCheck[] | undefined) ?? [];
  if (checks.length === 0) return compiled;
  const numeric = defOf(baseOf(schema)).type === 'number';
  const tests = checks.map((check) => {
    const def = check._zod.def as unknown as Def;
    if (def.check !== 'custom') throw new NotCompilable(`check \`${String(def.check)}\` on a wrapper`);
    return customCheck(def, scope, (known) =>
      numeric ? numberFit(known, compiled.value, slot, scope) : undefined,
    );
  });
  return { ...compiled, valid: allOf([compiled.valid, `(${compiled.value} IS NULL OR (${allOf(tests)}))`]) };
}
