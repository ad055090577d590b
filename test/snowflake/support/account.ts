import { randomUUID } from 'node:crypto';
import { quoteIdentifier } from '../../../src/warehouse/identifier.js';
import {
  type SnowflakeConfig,
  snowflakeConfigFromEnv,
} from '../../../src/warehouse/snowflake/snowflake-config.js';
import {
  SnowflakeWarehouse,
  type SnowflakeWarehouseOptions,
} from '../../../src/warehouse/snowflake/snowflake-warehouse.js';
import { missingSnowflakeVariables } from './suite-env.js';

/**
 * The account's connection settings from SNOWFLAKE_*, through the library's own reader. SNOWFLAKE_DATABASE
 * and SNOWFLAKE_SCHEMA are left out: every test file works in a database of its own.
 */
export function accountConfig(env: NodeJS.ProcessEnv = process.env): SnowflakeConfig {
  const missing = missingSnowflakeVariables(env);
  const config = missing.length === 0 ? snowflakeConfigFromEnv(env) : undefined;
  if (config === undefined) throw new Error(`the Snowflake suite needs ${missing.join(', ')}`);
  const { database: _database, schema: _schema, ...account } = config;
  // A warehouse resuming and a task graph starting take seconds, not the minute the driver allows.
  return { ...account, timeoutMs: 120_000 };
}

/**
 * The same settings with one way of logging in only, so each method is proven on its own.
 *
 * @example
 * await SnowflakeWarehouse.connect(withAuth(accountConfig(), 'key-pair'));
 */
export function withAuth(config: SnowflakeConfig, method: 'password' | 'key-pair'): SnowflakeConfig {
  const { password, privateKey, privateKeyPath, privateKeyPassphrase, ...rest } = config;
  if (method === 'password') return { ...rest, password };
  return {
    ...rest,
    ...(privateKey === undefined ? {} : { privateKey }),
    ...(privateKeyPath === undefined ? {} : { privateKeyPath }),
    ...(privateKeyPassphrase === undefined ? {} : { privateKeyPassphrase }),
  };
}

/** `eventflake-test:<what>`, on every statement of the suite, to find its load in QUERY_HISTORY. */
export const testQueryTag = (what: string) => `eventflake-test:${what}`;

/** A database only one test file uses, and the warehouse connected to it. */
export interface ThrowawayDatabase {
  /** `EVENTFLAKE_TEST_<PURPOSE>_<random>`. */
  readonly name: string;
  readonly queryTag: string;
  /** One connection: the rendered files rely on USE and BEGIN … COMMIT, which hold within a session. */
  readonly warehouse: SnowflakeWarehouse;
  /** Drops the database with everything in it, then closes the connection. */
  drop(): Promise<void>;
}

/**
 * Creates `EVENTFLAKE_TEST_<purpose>_<random>` and connects to it. Drop it in afterAll; a run killed
 * before that leaves it behind, named so it is easy to find.
 *
 * @example
 * const db = await throwawayDatabase('SINK');
 * afterAll(() => db.drop());
 */
export async function throwawayDatabase(
  purpose: string,
  options: SnowflakeWarehouseOptions = {},
): Promise<ThrowawayDatabase> {
  const name = `EVENTFLAKE_TEST_${purpose}_${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
  const quoted = quoteIdentifier(name);
  const queryTag = testQueryTag(name);
  const config = { ...accountConfig(), queryTag, poolSize: 1 };
  await onAccount(config, (admin) =>
    admin.execute(`CREATE DATABASE ${quoted} COMMENT = 'eventflake test suite: safe to drop'`),
  );
  let warehouse: SnowflakeWarehouse;
  try {
    warehouse = await SnowflakeWarehouse.connect({ ...config, database: name }, options);
  } catch (error) {
    await onAccount(config, (admin) => admin.execute(`DROP DATABASE IF EXISTS ${quoted} CASCADE`));
    throw error;
  }
  return {
    name,
    queryTag,
    warehouse,
    drop: async () => {
      try {
        await warehouse.execute(`DROP DATABASE IF EXISTS ${quoted} CASCADE`);
      } finally {
        await warehouse.close();
      }
    },
  };
}

async function onAccount<T>(
  config: SnowflakeConfig,
  work: (wh: SnowflakeWarehouse) => Promise<T>,
): Promise<T> {
  const wh = await SnowflakeWarehouse.connect(config);
  try {
    return await work(wh);
  } finally {
    await wh.close();
  }
}
