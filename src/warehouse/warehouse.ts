import type { QualifiedName } from './identifier.js';
import type { RawEventRow } from './raw-layout.js';

/** A value bound to a `?` placeholder. */
export type Bindable = string | number | boolean | null;

/** One result row, keyed by column name as the warehouse reports it. */
export type Row = Record<string, unknown>;

/** What an idempotent RAW insert did: rows added, and rows left out because their EVENT_ID was already there. */
export interface RawInsertResult {
  readonly inserted: number;
  readonly skipped: number;
}

/**
 * The one seam between eventflake and a warehouse. Adapters: Snowflake (snowflake-sdk) and DuckDB.
 *
 * @example
 * const wh = await DuckDbWarehouse.open({ path: ':memory:' });
 * await wh.execute('SELECT ? AS answer', [42]);
 */
export interface Warehouse {
  readonly dialect: 'snowflake' | 'duckdb';
  /** Run one statement with `?` placeholders bound to `binds`; returns its rows (empty for DDL/DML). */
  execute(sql: string, binds?: readonly Bindable[]): Promise<Row[]>;
  /**
   * Insert rows into RAW so that replaying a batch never adds a second row for an EVENT_ID: rows whose
   * EVENT_ID is already in the table, or repeated within the batch, are skipped. Resolves once durable.
   */
  insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult>;
  close(): Promise<void>;
}
