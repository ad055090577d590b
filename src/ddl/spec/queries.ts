import type { QualifiedName } from '../../warehouse/identifier.js';
import { DdlSpecError } from './errors.js';
import type { TimeUnit } from './operations.js';
import type { TableNode } from './tables.js';

export type DialectName = 'snowflake' | 'duckdb';
/**
 * The dialects the renderer writes.
 *
 * @example
 * for (const dialect of DIALECTS) render(spec, { dialect });
 */
export const DIALECTS: readonly DialectName[] = ['snowflake', 'duckdb'];

/**
 * What a query template may use to write SQL for either dialect. Every name goes through `table`
 * or `id` (validated, quoted) and every value through `text` or a number check: a template never
 * pastes user text into SQL.
 */
export interface SqlContext {
  readonly dialect: DialectName;
  table(name: QualifiedName | TableNode): string;
  id(name: string): string;
  text(value: string): string;
  /** The current time in UTC, as a timestamp without time zone (the type our columns use). */
  now(): string;
  /** Today's date in UTC. */
  today(): string;
  /** `expr` moved back by `amount` units. */
  minus(expr: string, amount: number, unit: TimeUnit): string;
  /** Whole units from `from` to `to`. */
  diff(unit: TimeUnit, from: string, to: string): string;
  dayName(expr: string): string;
  hourOf(expr: string): string;
}

/** A named read-only query (alert or analytics), rendered per dialect. */
export interface QueryNode {
  readonly kind: 'query';
  readonly name: string;
  readonly title: string;
  readonly dialects: readonly DialectName[];
  readonly sql: (q: SqlContext) => string;
}

const QUERY_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Titles become `--` comment lines, so they stay on one line. */
const ONE_LINE = /^[^\r\n]{1,200}$/;

/**
 * A query node.
 *
 * @example
 * query('row_count', 'Rows in RAW', (q) => `SELECT COUNT(*) AS ${q.id('N')} FROM ${q.table(raw)}`);
 */
export function query(
  name: string,
  title: string,
  sql: (q: SqlContext) => string,
  dialects: readonly DialectName[] = DIALECTS,
): QueryNode {
  if (!QUERY_NAME.test(name))
    throw new DdlSpecError(`query name \`${name.slice(0, 80)}\` must be lower snake case`);
  if (!ONE_LINE.test(title))
    throw new DdlSpecError(`query ${name}: title must be one line of at most 200 characters`);
  return Object.freeze({ kind: 'query', name, title, dialects: Object.freeze([...dialects]), sql });
}
