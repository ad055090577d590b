import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { EventflakeError } from '../../errors.js';
import { type QualifiedName, quoteIdentifier, quoteQualified } from '../identifier.js';
import type { RawEventRow } from '../raw-layout.js';
import { createSerialRunner } from '../serial.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../warehouse.js';
import { createRawBatchTable, insertNewRawRowsSql, RAW_BATCH_TABLE } from './duckdb-raw-sql.js';

/** Options of {@link DuckDbWarehouse.open}. */
export interface DuckDbWarehouseOptions {
  /**
   * Database file, or `:memory:` for a throwaway database.
   * @default ':memory:'
   */
  readonly path?: string;
}

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
  #batchTableReady = false;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance;
    this.#connection = connection;
  }

  static async open(options: DuckDbWarehouseOptions = {}): Promise<DuckDbWarehouse> {
    // Loaded lazily so importing eventflake never loads the native binding unless DuckDB is used.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(options.path ?? ':memory:');
    return new DuckDbWarehouse(instance, await instance.connect());
  }

  execute(sql: string, binds: readonly Bindable[] = []): Promise<Row[]> {
    return this.#serial(() => this.#run(sql, binds));
  }

  insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    if (rows.length === 0) return Promise.resolve({ inserted: 0, skipped: 0 });
    return this.#serial(async () => {
      await this.#fillBatchTable(rows);
      await this.#run('BEGIN TRANSACTION');
      try {
        const result = await this.#run(insertNewRawRowsSql(quoteQualified(table)));
        await this.#run('COMMIT');
        const inserted = Number(result[0]?.Count ?? 0);
        return { inserted, skipped: rows.length - inserted };
      } catch (error) {
        await this.#run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.#serial(async () => {
      this.#connection.closeSync();
      this.#instance.closeSync();
    });
  }

  /** Rows go through DuckDB's appender into a session temp table: no SQL text grows with the batch. */
  async #fillBatchTable(rows: readonly RawEventRow[]): Promise<void> {
    if (!this.#batchTableReady) {
      await this.#run(createRawBatchTable());
      this.#batchTableReady = true;
    }
    await this.#run(`DELETE FROM temp.main.${quoteIdentifier(RAW_BATCH_TABLE)}`);
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
