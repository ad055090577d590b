import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { Row } from '../../../../src/warehouse/warehouse.js';

/** DuckDB via @duckdb/node-api and Snowflake via snowflake-sdk type the same value differently. */
export type Plain = string | number | boolean | null;

const SNOWFLAKE_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?( ?[+-]\d{4}|Z)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One value in a form both engines agree on: numbers (bigint included) rounded to 6 decimals (DECIMAL
 * sums come back as doubles from one side), timestamps and dates as ISO 8601
 * UTC at millisecond precision (snowflake-sdk keeps no more), JSON objects as sorted JSON text.
 */
export function normalizeValue(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  // Rounded, then a number again: a double sum of 4471.9999999999 and an exact 4472 must compare equal.
  if (typeof value === 'number') return Number(value.toFixed(6));
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return normalizeText(value);
  return JSON.stringify(sortKeys(value));
}

function normalizeText(text: string): string {
  if (DATE_ONLY.test(text)) return `${text}T00:00:00.000Z`;
  const match = SNOWFLAKE_TIMESTAMP.exec(text);
  if (match === null) return text;
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const ms = fraction.slice(1, 4).padEnd(3, '0');
  return new Date(`${day}T${time}.${ms}${zone.trim() === 'Z' ? 'Z' : zone.trim()}`).toISOString();
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** Options of {@link normalizeRows}. */
export interface NormalizeOptions {
  /** Columns left out: wall-clock columns each engine fills itself, local mode's hidden row number. */
  readonly exclude?: readonly string[];
  /** Sort rows by their JSON text, for results whose order the query leaves open. */
  readonly sort?: boolean;
}

/** Rows with upper-case keys and plain values, comparable across engines with `toEqual`. */
export function normalizeRows(rows: readonly Row[], options: NormalizeOptions = {}): Record<string, Plain>[] {
  const exclude = new Set((options.exclude ?? []).map((c) => c.toUpperCase()));
  const out = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => !exclude.has(key.toUpperCase()))
        .map(([key, value]) => [key.toUpperCase(), normalizeValue(value)]),
    ),
  );
  if (!options.sort) return out;
  return out
    .map((row) => ({ row, key: JSON.stringify(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * Asserts two normalized results are equal, reporting the first differing row only: a full diff of
 * thousands of rows buries the one column that differs.
 */
export function expectSameRows(
  label: string,
  actual: readonly Record<string, Plain>[],
  expected: readonly Record<string, Plain>[],
): void {
  const index = actual.findIndex((row, i) => !sameRow(row, expected[i]));
  if (index !== -1)
    expect({ label, index, row: actual[index] }).toEqual({ label, index, row: expected[index] });
  expect(actual.length, `${label}: row count`).toBe(expected.length);
}

/**
 * Equal rows, numbers within one unit of the 6th decimal (relative for large ones): an exact DECIMAL
 * average of 369.7528125 and its double 369.75281249999997 round to different 6th decimals.
 */
function sameRow(row: Record<string, Plain>, other: Record<string, Plain> | undefined): boolean {
  if (other === undefined) return false;
  const keys = Object.keys(row).sort();
  if (!isDeepStrictEqual(keys, Object.keys(other).sort())) return false;
  return keys.every((key) => sameValue(row[key] ?? null, other[key] ?? null));
}

function sameValue(a: Plain, b: Plain): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= Math.max(1.5e-6, 1e-12 * Math.max(Math.abs(a), Math.abs(b)));
  return a === b;
}
