import type { Connection, Pool } from 'snowflake-sdk';
import { ConfigError } from '../../errors.js';
import { type QualifiedName, quoteQualified } from '../identifier.js';
import { firstPerEventId, type RawEventRow } from '../raw-layout.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../warehouse.js';
import { type SnowflakeConfig, validateSnowflakeConfig } from './snowflake-config.js';
import {
  ARRAY_BINDING_THRESHOLD,
  createSnowflakePool,
  type DriverLogLevel,
  executeStatement,
} from './snowflake-driver.js';
import { chunkRows, insertNewRawRowsSql, rawRowBinds, type StatementLimits } from './snowflake-raw-sql.js';

/** Options of {@link SnowflakeWarehouse.connect} beyond the connection itself. */
export interface SnowflakeWarehouseOptions {
  /**
   * Most binds in one statement. Keep it under the driver's `arrayBindingThreshold` (100,000 by default),
   * above which it uploads binds to a temporary stage instead.
   * @default 70000
   */
  readonly maxBindsPerStatement?: number;
  /**
   * Most bytes of bound values in one statement; Snowflake cannot retry a statement over 1 MB.
   * @default 900000
   */
  readonly maxBytesPerStatement?: number;
  /**
   * snowflake-sdk's own log level. It is process-wide: the driver has one logger.
   * @default 'OFF' (the driver otherwise writes snowflake.log into the working folder)
   */
  readonly driverLogLevel?: DriverLogLevel;
}

/**
 * The Snowflake adapter over snowflake-sdk: a connection pool, password or key-pair auth, a query tag,
 * and an idempotent array-bound insert into RAW.
 *
 * @example
 * const wh = await SnowflakeWarehouse.connect({ account: 'org-acct', username: 'LOADER', privateKeyPath: 'rsa.p8' });
 * await wh.insertRawEvents({ schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' }, rows);
 */
export class SnowflakeWarehouse implements Warehouse {
  readonly dialect = 'snowflake' as const;
  readonly #pool: Pool<Connection>;
  readonly #limits: StatementLimits;

  private constructor(pool: Pool<Connection>, limits: StatementLimits) {
    this.#pool = pool;
    this.#limits = limits;
  }

  static async connect(
    config: SnowflakeConfig,
    options: SnowflakeWarehouseOptions = {},
  ): Promise<SnowflakeWarehouse> {
    const maxBinds = options.maxBindsPerStatement ?? 70_000;
    if (!(Number.isInteger(maxBinds) && maxBinds >= 7 && maxBinds < ARRAY_BINDING_THRESHOLD)) {
      throw new ConfigError(
        'maxBindsPerStatement',
        `a whole number from 7 to ${ARRAY_BINDING_THRESHOLD - 1}`,
        maxBinds,
      );
    }
    const maxBytes = options.maxBytesPerStatement ?? 900_000;
    if (!(Number.isInteger(maxBytes) && maxBytes >= 1_000)) {
      throw new ConfigError('maxBytesPerStatement', 'a whole number of bytes from 1000 and up', maxBytes);
    }
    const pool = await createSnowflakePool(validateSnowflakeConfig(config), options.driverLogLevel ?? 'OFF');
    return new SnowflakeWarehouse(pool, { maxBinds, maxBytes });
  }

  async execute(sql: string, binds: readonly Bindable[] = []): Promise<Row[]> {
    const result = await this.#pool.use((connection) =>
      executeStatement(connection, sql, binds.length > 0 ? binds : undefined),
    );
    return result.rows;
  }

  /**
   * Rows repeated within the batch are dropped here (Snowflake's array binds are one statement, so the
   * anti-join alone would not see them); the rest are inserted in one transaction across statements.
   */
  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const unique = firstPerEventId(rows);
    if (unique.length === 0) return { inserted: 0, skipped: rows.length };
    const sql = insertNewRawRowsSql(quoteQualified(table));
    const inserted = await this.#pool.use(async (connection) => {
      await executeStatement(connection, 'BEGIN');
      try {
        let total = 0;
        for (const chunk of chunkRows(unique, this.#limits)) {
          const result = await executeStatement(connection, sql, chunk.map(rawRowBinds));
          total += result.updatedRows ?? 0;
        }
        await executeStatement(connection, 'COMMIT');
        return total;
      } catch (error) {
        await executeStatement(connection, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    return { inserted, skipped: rows.length - inserted };
  }

  async close(): Promise<void> {
    await this.#pool.drain();
    await this.#pool.clear();
  }
}
