import type { ColumnScope } from './compiled.js';
import { sqlDouble } from './sql-text.js';

/**
 * SQL over one JSON value as DuckDB's `from_json(…, {key: 'JSON'})` hands it out: the value's JSON
 * text re-written by DuckDB's JSON writer (yyjson), or SQL NULL for JSON null and for an absent key.
 * The expressions never raise, whatever the text: a malformed line must be classified, not abort.
 */

/** Largest integer a double holds exactly, plus one (2^53). */
const EXACT_INTEGERS = '9007199254740992';
/** eventflake's decimal noise tolerance, 8 × Number.EPSILON = 2^-49 (see src/events/decimal.ts). */
const NOISE = "CAST('1.7763568394002505e-15' AS DOUBLE)";

export const isJsonString = (leaf: string) => `ascii(${leaf}) = 34`;
export const isJsonNumber = (leaf: string) => `(ascii(${leaf}) = 45 OR ascii(${leaf}) BETWEEN 48 AND 57)`;
export const isJsonObject = (leaf: string) => `ascii(${leaf}) = 123`;
export const isJsonBoolean = (leaf: string) => `${leaf} IN ('true', 'false')`;

/** The string a JSON string leaf holds; the JSON decoder only runs when the text has an escape. */
export function stringValue(leaf: string): string {
  return `CASE WHEN contains(${leaf}, '\\') THEN json_extract_string(${leaf}, '$') ELSE substr(${leaf}, 2, length(${leaf}) - 2) END`;
}

/** A JSON number leaf as a DOUBLE (NaN or ±inf for the non-standard literals DuckDB's reader allows). */
export function numberValue(leaf: string): string {
  return `TRY_CAST(${leaf} AS DOUBLE)`;
}

/**
 * The JSON text of a number as RAW stores it after JavaScript serialized it: a whole number below 2^53
 * as plain digits, any other value as the writer's shortest round-trip form (what DuckDB makes of
 * JavaScript's own text, since both parse to the same double). See {@link numberUndecided}.
 */
export function numberRender(leaf: string, value: string): string {
  return `CASE WHEN ${value} = trunc(${value}) AND abs(${value}) < ${EXACT_INTEGERS} THEN CAST(CAST(${value} AS BIGINT) AS VARCHAR) ELSE ${leaf} END`;
}

/** Whether a number's JSON text is already its render: not a whole number written as a double. */
export function numberCanonical(leaf: string, value: string): string {
  return `(${value} <> trunc(${value}) OR NOT (contains(${leaf}, '.') OR contains(${leaf}, 'e') OR contains(${leaf}, 'E')))`;
}

/** A whole number from 2^53 up: JavaScript prints it with padded digits no SQL cast reproduces. */
export function numberUndecided(value: string): string {
  // Every double from 2^53 up is a whole number.
  return `abs(${value}) >= ${EXACT_INTEGERS} AND isfinite(${value})`;
}

/**
 * String lengths: zod (4.6) measures strings in Unicode code points, as DuckDB's `length` does (an
 * emoji is one; DuckDB holds no lone surrogate to count differently).
 */
export function minLength(value: string, min: number): string {
  return `length(${value}) >= ${min}`;
}

export function maxLength(value: string, max: number): string {
  return `length(${value}) <= ${max}`;
}

export function exactLength(value: string, length: number): string {
  return `length(${value}) = ${length}`;
}

/** `Math.round(x)`: the nearest integer, halves toward +∞ (not away from zero like SQL's round). */
function jsRound(x: string): string {
  return `(floor(${x}) + CASE WHEN ${x} - floor(${x}) >= 0.5 THEN 1 ELSE 0 END)`;
}

/**
 * `shiftDecimal(value, scale)` of src/events/decimal.ts, operation for operation in IEEE doubles:
 * value × 10^scale, moved to the nearest integer when only binary noise away from it.
 */
export function shiftedDecimal(value: string, scale: number, scope?: ColumnScope, stage = 0): string {
  // `10 ** scale` computed at run time, as decimal.ts does, so the factor is the very same double.
  const product = `(${value} * ${sqlDouble(10 ** scale)})`;
  const x = scope === undefined ? product : scope.column(stage, product, 'x');
  const nearest = jsRound(x);
  return `CASE WHEN abs(${x} - ${nearest}) <= abs(${x}) * ${NOISE} THEN ${nearest} ELSE ${x} END`;
}

/** `shifted`: a column holding {@link shiftedDecimal} of the value. */
export function decimalScaleFits(shifted: string): string {
  return `${shifted} = trunc(${shifted})`;
}

export function decimalPrecisionFits(shifted: string, precision: number): string {
  return `abs(${shifted}) < ${sqlDouble(10 ** precision)}`;
}

export function safeInteger(value: string): string {
  return `(${value} = trunc(${value}) AND abs(${value}) < ${EXACT_INTEGERS})`;
}
