import type { z } from 'zod';
import { declarationOf } from '../../events/field.js';
import { type ColumnScope, type Compiled, NotCompilable, type Slot } from './compiled.js';
import { customChecksOf } from './known-checks.js';
import { compileNumber, compileString } from './scalar-compiler.js';
import { allOf, anyOf, sqlString } from './sql-text.js';
import {
  isJsonBoolean,
  isJsonNumber,
  isJsonObject,
  isJsonString,
  numberCanonical,
  numberRender,
  numberValue,
  stringValue,
} from './value-sql.js';

/** The parse of one JSON object: a STRUCT of JSON texts and the key list, from stage `stage` on. */
export interface ObjectColumns {
  readonly struct: string;
  readonly keys: string;
  readonly stage: number;
}

/** What the compiler needs from the query being built. */
export interface SchemaScope extends ColumnScope {
  /** Columns holding the parse of the object text `json`, computed in `stage` where `guard` holds. */
  parseObject(stage: number, json: string, guard: string, keys: readonly string[]): ObjectColumns;
  /** The definition has an SQL twin: user refinements are its business. */
  readonly rulesCovered: boolean;
  /** Every field compiled so far, by dotted path, for the twin. */
  readonly values: Map<string, Compiled>;
}

type Def = Record<string, unknown>;

export function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** A key RAW's JSON writer and JSON.stringify spell alike, and that cannot clash in a DuckDB STRUCT. */
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
      return {
        valid: anyOf([`NOT (${present})`, c.valid]),
        undecided: allOf([present, c.undecided]),
        render: `CASE WHEN ${present} THEN ${c.render} END`,
        canonical: allOf([present, c.canonical]),
        value: `CASE WHEN ${present} THEN ${c.value} END`,
      };
    }
    case 'nullable': {
      const c = inner();
      const isNull = `${present} AND ${leaf} IS NULL`;
      return {
        valid: anyOf([isNull, c.valid]),
        undecided: c.undecided,
        // Absent is not null: an optional inside leaves the key out.
        render: `CASE WHEN ${isNull} THEN 'null' ELSE ${c.render} END`,
        canonical: `CASE WHEN ${isNull} THEN TRUE ELSE ${c.canonical} END`,
        value: c.value,
      };
    }
    case 'default': {
      const c = inner();
      const fallback = constant(def.defaultValue);
      return {
        valid: anyOf([`NOT (${present})`, c.valid]),
        undecided: allOf([present, c.undecided]),
        render: `CASE WHEN ${present} THEN ${c.render} ELSE ${fallback.render} END`,
        canonical: allOf([present, c.canonical]),
        value: `CASE WHEN ${present} THEN ${c.value} ELSE ${fallback.value} END`,
      };
    }
    case 'string':
      return compileString(def, slot, scope);
    case 'number':
      return compileNumber(def, slot, declarationOf(schema), scope);
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
      return literals(Object.values(def.entries as Record<string, unknown>), slot, scope);
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
  const keys = shapeKeys(schema, path);
  const columns = scope.parseObject(slot.stage + 1, slot.leaf, allOf([guard, isObject]), keys);
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
  if (customChecksOf(schema).length > 0 && !scope.rulesCovered) {
    throw new NotCompilable(`${path.join('.') || 'event'}: a refinement without an SQL twin (sqlRules)`);
  }
  const otherChecks = ((defOf(schema).checks as readonly unknown[] | undefined) ?? []).length;
  if (otherChecks !== customChecksOf(schema).length) throw new NotCompilable('checks on an object');
  const keys = shapeKeys(schema, path);
  const shape = defOf(schema).shape as Record<string, z.core.$ZodType>;
  const fields = keys.map((key) => {
    const stage = columns.stage + 1;
    const slot = {
      leaf: scope.column(stage, `CAST(struct_extract(${columns.struct}, ${sqlString(key)}) AS VARCHAR)`, 'l'),
      present: scope.column(stage, `coalesce(list_contains(${columns.keys}, ${sqlString(key)}), FALSE)`, 'p'),
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
  if (checks.length === customChecksOf(schema).length && scope.rulesCovered) return;
  if (checks.length > 0) throw new NotCompilable('checks on a boolean, null, enum or literal');
}

/** Enum members or literal values: strings, finite numbers, booleans or null. */
function literals(values: readonly unknown[], slot: Slot, scope: ColumnScope): Compiled {
  const { leaf, present } = slot;
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const string = strings.length > 0 ? scope.column(slot.stage + 1, stringValue(leaf), 's') : 'NULL';
  const number = numbers.length > 0 ? scope.column(slot.stage + 1, numberValue(leaf), 'd') : 'NULL';
  const tests: string[] = [];
  if (strings.length > 0)
    tests.push(`${isJsonString(leaf)} AND ${string} IN (${strings.map(sqlString).join(', ')})`);
  if (numbers.length > 0) {
    if (!numbers.every(Number.isFinite)) throw new NotCompilable('a literal that is not a finite number');
    tests.push(`${isJsonNumber(leaf)} AND ${number} IN (${numbers.map(String).join(', ')})`);
  }
  for (const v of values) {
    if (typeof v === 'boolean') tests.push(`${leaf} = '${String(v)}'`);
    else if (v === null) tests.push(`${present} AND ${leaf} IS NULL`);
    else if (typeof v !== 'string' && typeof v !== 'number')
      throw new NotCompilable(`literal of type ${typeof v}`);
  }
  const onlyStrings = strings.length === values.length;
  const onlyNumbers = numbers.length === values.length;
  return {
    valid: anyOf(tests),
    undecided: 'FALSE',
    render: onlyStrings
      ? leaf
      : onlyNumbers
        ? numberRender(leaf, number)
        : `CASE WHEN ${leaf} IS NULL THEN 'null' WHEN ${isJsonNumber(leaf)} THEN ${numberRender(leaf, number)} ELSE ${leaf} END`,
    canonical: onlyStrings
      ? 'TRUE'
      : `(${leaf} IS NULL OR NOT ${isJsonNumber(leaf)} OR ${numberCanonical(leaf, number)})`,
    value: onlyStrings ? string : onlyNumbers ? number : leaf,
  };
}

/** A default value's output: only JSON primitives are compiled. */
function constant(value: unknown): { render: string; value: string } {
  if (typeof value === 'string')
    return { render: `CAST(to_json(${sqlString(value)}) AS VARCHAR)`, value: sqlString(value) };
  if (typeof value === 'boolean') return { render: `'${String(value)}'`, value: String(value).toUpperCase() };
  if (value === null) return { render: "'null'", value: 'NULL' };
  if (typeof value === 'number' && Number.isFinite(value)) {
    const double = `CAST('${String(value)}' AS DOUBLE)`;
    const render = Number.isSafeInteger(value)
      ? `'${String(value + 0)}'`
      : `CAST(to_json(${double}) AS VARCHAR)`;
    return { render, value: double };
  }
  throw new NotCompilable('a default that is not a JSON primitive');
}
