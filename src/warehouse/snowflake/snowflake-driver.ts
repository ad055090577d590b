import type { Bind, Connection, ConnectionOptions, InsertBinds, Pool } from 'snowflake-sdk';
import { EventflakeError } from '../../errors.js';
import type { Row } from '../warehouse.js';
import type { SnowflakeConfig } from './snowflake-config.js';

/** A statement Snowflake refused or that could not reach it. `retriable` is set only for transient causes. */
export class SnowflakeQueryError extends EventflakeError {
  readonly sqlState: string | undefined;
  readonly snowflakeCode: string | undefined;

  constructor(
    message: string,
    options: { retriable: boolean; sqlState?: string; snowflakeCode?: string; cause: unknown },
  ) {
    super('ERR_SNOWFLAKE_QUERY', message, { retriable: options.retriable, cause: options.cause });
    this.sqlState = options.sqlState;
    this.snowflakeCode = options.snowflakeCode;
  }
}

/** Binds per statement above which snowflake-sdk would upload them to a temporary stage. */
export const ARRAY_BINDING_THRESHOLD = 100_000;

export interface StatementResult {
  readonly rows: Row[];
  readonly updatedRows: number | undefined;
}

/** snowflake-sdk's log levels, as its `configure` takes them. */
export type DriverLogLevel = 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE' | 'OFF';

export async function createSnowflakePool(
  config: SnowflakeConfig,
  driverLogLevel: DriverLogLevel,
): Promise<Pool<Connection>> {
  // Loaded lazily so importing eventflake never loads snowflake-sdk unless Snowflake is used.
  const { default: snowflake } = await import('snowflake-sdk');
  // The driver logs connection details at INFO to stdout by default; that setting is process-wide.
  snowflake.configure({ logLevel: driverLogLevel });
  return snowflake.createPool(toConnectionOptions(config), { max: config.poolSize ?? 2, min: 0 });
}

function toConnectionOptions(config: SnowflakeConfig): ConnectionOptions {
  const keyAuth = config.privateKey !== undefined || config.privateKeyPath !== undefined;
  const options: ConnectionOptions = {
    account: config.account,
    username: config.username,
    application: 'eventflake',
    queryTag: config.queryTag ?? 'eventflake',
    timeout: config.timeoutMs ?? 60_000,
    // Pinned so a server-pushed CLIENT_STAGE_ARRAY_BINDING_THRESHOLD cannot silently switch our inserts to
    // SYSTEM$BIND stage uploads; the warehouse keeps each statement below it instead.
    arrayBindingThreshold: ARRAY_BINDING_THRESHOLD,
    ...(keyAuth
      ? {
          authenticator: 'SNOWFLAKE_JWT',
          ...(config.privateKey === undefined ? {} : { privateKey: config.privateKey }),
          ...(config.privateKeyPath === undefined ? {} : { privateKeyPath: config.privateKeyPath }),
          ...(config.privateKeyPassphrase === undefined
            ? {}
            : { privateKeyPass: config.privateKeyPassphrase }),
        }
      : { password: config.password }),
  };
  for (const key of ['role', 'warehouse', 'database', 'schema', 'accessUrl'] as const) {
    const value = config[key];
    if (value !== undefined) options[key] = value;
  }
  return options;
}

/**
 * Execute one statement on a connection. `binds` is one row, or many rows for an array-bound INSERT.
 * The error message carries Snowflake's message and codes, never bind values (they may be customer data).
 */
export function executeStatement(
  connection: Connection,
  sqlText: string,
  binds?: readonly Bind[] | InsertBinds,
): Promise<StatementResult> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      ...(binds === undefined ? {} : { binds: binds as Bind[] }),
      complete: (error, statement, rows) => {
        if (error) {
          reject(toQueryError(error));
          return;
        }
        resolve({ rows: (rows ?? []) as Row[], updatedRows: statement.getNumUpdatedRows() });
      },
    });
  });
}

const TRANSIENT_DRIVER_CODES = new Set([401001, 401002, 401003, 402001, 402002, 407002]);
const TRANSIENT_SNOWFLAKE_CODES = new Set(['000625', '000630', '390114', '000604']);

function toQueryError(error: Error & { code?: unknown; sqlState?: unknown }): SnowflakeQueryError {
  const code = error.code === undefined || error.code === null ? undefined : String(error.code);
  const sqlState = typeof error.sqlState === 'string' ? error.sqlState : undefined;
  const retriable =
    (code !== undefined &&
      (TRANSIENT_DRIVER_CODES.has(Number(code)) || TRANSIENT_SNOWFLAKE_CODES.has(code))) ||
    (sqlState?.startsWith('08') ?? false) ||
    /ECONNRESET|ETIMEDOUT|ECONNREFUSED|socket hang up/i.test(error.message);
  return new SnowflakeQueryError(`Snowflake statement failed (${code ?? 'no code'}): ${error.message}`, {
    retriable,
    cause: error,
    ...(sqlState === undefined ? {} : { sqlState }),
    ...(code === undefined ? {} : { snowflakeCode: code }),
  });
}
