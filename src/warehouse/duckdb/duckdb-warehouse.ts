import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ConfigError, EventflakeError } from '../../errors.js';
import { type QualifiedName, quoteQualified } from '../identifier.js';
import { firstPerEventId, type RawEventRow } from '../raw-layout.js';
import { createSerialRunner } from '../serial.js';
import { isEventDataVouched } from '../vouched-json.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../warehouse.js';
import { insertNewRawRowsSql, RAW_BATCH_TABLE, replaceRawBatchTableSql } from './duckdb-raw-sql.js';

/** Options of {@link DuckDbWarehouse.open}. */
export interface DuckDbWarehouseOptions {
  /**
   * Database file, or `:memory:` for a throwaway database.
   * @default ':memory:'
   */
  readonly path?: string;
  /**
   * DuckDB's worker threads. With more than one, the thread running a statement polls while a worker
   * runs each task: a batch's INSERT costs about twice the CPU it does with `1`. A database that mostly
   * receives the sink's batches is cheaper with `1`; parallel queries (local mode's transforms) finish
   * sooner with more.
   * @default the number of cores (DuckDB's own default)
   */
  readonly threads?: number;
  /**
   * DuckDB's `memory_limit`, e.g. `'1GB'`: past it, DuckDB spills to the database's temp folder. Worth
   * setting for a large file load (docs/load.md: 10,000,000 events with `'1GB'` peaked at 1.6 GB of RSS).
   * @default 80 % of the machine's memory (DuckDB's own default)
   */
  readonly memoryLimit?: string;
}

/** A size as DuckDB's `memory_limit` reads it. */
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

export class DuckDbQueryError extends EventflakeError {
  constructor(message: string, cause: unknown) {
    super('ERR_DUCKDB_QUERY', message, { cause, retriable: false });
  }
}

/**
 * The DuckDB adapter, used by local mode and the demo. One connection, one statement at a time.
 *
 * @example
 * const wh = await DuckDbWarehouse.open({ path: 'caves.duckdb' });
 * const rows = await wh.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
 * await wh.close();
 */
export class DuckDbWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #serial = createSerialRunner();

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance;
    this.#connection = connection;
  }

  /**
   * Open (or create) the database and its one connection.
   *
   * @example
   * const sinkOnly = await DuckDbWarehouse.open({ path: 'caves.duckdb', threads: 1 });
   */
  static async open(options: DuckDbWarehouseOptions = {}): Promise<DuckDbWarehouse> {
    const { threads, memoryLimit } = options;
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
      throw new ConfigError('threads', 'a whole number from 1 and up', threads);
    }
    if (memoryLimit !== undefined && !(typeof memoryLimit === 'string' && MEMORY_SIZE.test(memoryLimit))) {
      throw new ConfigError('memoryLimit', "a size such as '512MB' or '4GB'", memoryLimit);
    }
    // Loaded lazily so importing eventflake never loads the native binding unless DuckDB is used.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const config: Record<string, string> = {};
    if (threads !== undefined) config.threads = String(threads);
    if (memoryLimit !== undefined) config.memory_limit = memoryLimit;
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
    return new DuckDbWarehouse(instance, await instance.connect());
  }

  execute(sql: string, binds: readonly Bindable[] = []): Promise<Row[]> {
    return this.#serial(() => this.#run(sql, binds));
  }

  /**
   * Rows repeated within the batch are dropped here (first one wins), which leaves DuckDB a plain
   * anti-join against RAW: one statement, so autocommit makes it all or nothing. EVENT_DATA that is not
   * JSON is refused (the cast in the INSERT), unless the sink vouched for the batch (it wrote the JSON).
   */
  insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    if (rows.length === 0) return Promise.resolve({ inserted: 0, skipped: 0 });
    return this.#serial(async () => {
      const eventDataIsJson = isEventDataVouched(rows);
      const sql = insertNewRawRowsSql(quoteQualified(table), eventDataIsJson);
      await this.#fillBatchTable(firstPerEventId(rows), eventDataIsJson);
      const result = await this.#run(sql);
      const inserted = Number(result[0]?.Count ?? 0);
      return { inserted, skipped: rows.length - inserted };
    });
  }

  async close(): Promise<void> {
    await this.#serial(async () => {
      this.#connection.closeSync();
      this.#instance.closeSync();
    });
  }

  /** Rows go through DuckDB's appender into a session temp table: no SQL text grows with the batch. */
  async #fillBatchTable(rows: readonly RawEventRow[], eventDataIsJson: boolean): Promise<void> {
    await this.#run(replaceRawBatchTableSql(eventDataIsJson));
    const appender = await this.#connection.createAppender(RAW_BATCH_TABLE, 'main', 'temp');
    for (const row of rows) {
      appender.appendVarchar(row.eventId);
      appender.appendVarchar(row.eventType);
      appender.appendVarchar(row.eventTimestamp);
      appendNullable(appender, row.productId);
      appendNullable(appender, row.customerId);
      appender.appendVarchar(row.eventData);
      appendNullable(appender, row.eventMetadata);
      appender.endRow();
    }
    appender.closeSync();
  }

  async #run(sql: string, binds: readonly Bindable[] = []): Promise<Row[]> {
    try {
      const reader = await this.#connection.runAndReadAll(sql, binds.length > 0 ? [...binds] : undefined);
      return reader.getRowObjectsJS();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new DuckDbQueryError(`DuckDB statement failed: ${detail}`, error);
    }
  }
}

function appendNullable(
  appender: { appendVarchar(v: string): void; appendNull(): void },
  value: string | null,
) {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
