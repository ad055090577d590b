import { DIALECTS, type DialectName, type QueryNode, query, type SqlContext } from '../ddl/spec/queries.js';
import { ConfigError } from '../errors.js';
import type { Bindable, Row, Warehouse } from '../warehouse/warehouse.js';
import type { CheckCategory, CheckDetails, CheckStatus, Threshold } from './types.js';

/** What a check measured. `status` overrides the threshold (e.g. WARN for an empty table). */
export interface Measurement {
  readonly value: number | null;
  readonly message: string;
  readonly details?: CheckDetails;
  readonly status?: Exclude<CheckStatus, 'SKIP'>;
}

interface CheckBase {
  readonly name: string;
  readonly title: string;
  readonly category: CheckCategory;
  readonly threshold: Threshold;
}

/** A check that runs one statement returning one row. */
export interface SqlCheck extends CheckBase {
  readonly kind: 'sql';
  readonly query: QueryNode;
  readonly binds: readonly Bindable[];
  measure(row: Row | undefined): Measurement;
}

/** A check written as a function over the warehouse. */
export interface FunctionCheck extends CheckBase {
  readonly kind: 'function';
  readonly dialects: readonly DialectName[];
  run(warehouse: Warehouse): Promise<number | Measurement>;
}

export type CheckDefinition = SqlCheck | FunctionCheck;

/** The status a value earns against a threshold. */
export function statusFor(value: number, threshold: Threshold): 'PASS' | 'WARN' | 'FAIL' {
  if (threshold.fail !== undefined && value > threshold.fail) return 'FAIL';
  if (threshold.warn !== undefined && value > threshold.warn) return 'WARN';
  return 'PASS';
}

/** Reads a number a driver returned: number, bigint, decimal text, or null. */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(typeof value === 'bigint' ? value : String(value));
  return Number.isFinite(n) ? n : null;
}

/** A SQL check built by this module: the query node validates its name and title. */
export function sqlCheck(options: {
  readonly name: string;
  readonly title: string;
  readonly category: CheckCategory;
  readonly threshold: Threshold;
  readonly sql: (q: SqlContext) => string;
  readonly measure: (row: Row | undefined) => Measurement;
  readonly dialects?: readonly DialectName[];
  readonly binds?: readonly Bindable[];
}): SqlCheck {
  const node = query(options.name, options.title, options.sql, options.dialects ?? DIALECTS);
  return Object.freeze({
    kind: 'sql',
    name: options.name,
    title: options.title,
    category: options.category,
    threshold: Object.freeze({ ...options.threshold }),
    query: node,
    binds: Object.freeze([...(options.binds ?? [])]),
    measure: options.measure,
  });
}

/** Options of {@link defineCheck}: a SQL statement returning a count, or a function returning one. */
export type CustomCheckOptions = {
  /** Lower snake case, unique in the run. */
  readonly name: string;
  /** One line for the report. @default the name */
  readonly title?: string;
  /** What a count above `threshold` is. @default 'fail' */
  readonly severity?: 'warn' | 'fail';
  /** Counts up to this pass. @default 0 */
  readonly threshold?: number;
  /** Dialects the check runs on. @default both */
  readonly dialects?: readonly DialectName[];
} & (
  | {
      /** One statement whose first row's first column is the count. Identifiers through `q.id`/`q.table`. */
      readonly sql: string | ((q: SqlContext) => string);
      /** Values for `?` placeholders; never paste values into the SQL. */
      readonly binds?: readonly Bindable[];
    }
  | { readonly run: (warehouse: Warehouse) => Promise<number> }
);

/**
 * A user check with a severity: a SQL statement returning a count, or a function. The count passes
 * up to `threshold`, above it the check is a WARN or a FAIL.
 *
 * @example
 * defineCheck({
 *   name: 'orders_without_address',
 *   severity: 'warn',
 *   sql: (q) => `SELECT COUNT(*) FROM ${q.table({ schema: 'PRODUCTION', name: 'ORDERS' })} WHERE ${q.id('SHIPPING_ADDRESS')} = ?`,
 *   binds: [''],
 * });
 */
export function defineCheck(options: CustomCheckOptions): CheckDefinition {
  const severity = options.severity ?? 'fail';
  if (severity !== 'warn' && severity !== 'fail') {
    throw new ConfigError(`checks.${options.name}.severity`, "'warn' or 'fail'", severity);
  }
  const limit = options.threshold ?? 0;
  if (!(Number.isFinite(limit) && limit >= 0)) {
    throw new ConfigError(`checks.${options.name}.threshold`, 'a number from 0 and up', limit);
  }
  const threshold: Threshold = severity === 'warn' ? { warn: limit } : { fail: limit };
  const title = options.title ?? options.name;
  const dialects = options.dialects ?? DIALECTS;
  if ('run' in options) {
    query(options.name, title, () => '', dialects); // validates name and title like every check
    return Object.freeze({
      kind: 'function',
      name: options.name,
      title,
      category: 'custom',
      threshold,
      dialects: Object.freeze([...dialects]),
      run: options.run,
    });
  }
  const { sql } = options;
  return sqlCheck({
    name: options.name,
    title,
    category: 'custom',
    threshold,
    dialects,
    binds: options.binds ?? [],
    sql: typeof sql === 'string' ? () => sql : sql,
    measure: (row) => {
      const value = numberOf(row === undefined ? null : Object.values(row)[0]);
      if (value === null) return { value: null, message: 'the statement returned no count', status: 'ERROR' };
      return { value, message: `count ${value} (passes up to ${limit})` };
    },
  });
}
