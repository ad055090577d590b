import { type ColumnScope, type Compiled, NotCompilable, type Slot } from './compiled.js';
import { anyOf, sqlString } from './sql-text.js';
import {
  isJsonNumber,
  isJsonString,
  numberCanonical,
  numberRender,
  numberValue,
  stringValue,
} from './value-sql.js';

/**
 * Enum members or literal values: strings, finite numbers, booleans or null.
 *
 * @example
 * literals(['a', 'b'], slot, scope).valid;
 */
export function literals(values: readonly unknown[], slot: Slot, scope: ColumnScope): Compiled {
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

/**
 * A default value's output: only JSON primitives are compiled.
 *
 * @example
 * constant(0).render; // => "'0'"
 */
export function constant(value: unknown): { render: string; value: string } {
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
