import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import { snowflakeConfigFromEnv } from '../warehouse/snowflake/snowflake-config.js';
import { SnowflakeWarehouse } from '../warehouse/snowflake/snowflake-warehouse.js';
import { chooseTransport } from './demo-transport.js';
import { readCliEnv } from './env.js';
import { type LocalRunOptions, runLocal } from './local-run.js';
import { runOnSnowflake } from './snowflake-demo-run.js';

/**
 * `npm run demo` on whatever the environment offers: Kafka when KAFKA_BROKERS is set (in-process
 * otherwise), Snowflake when SNOWFLAKE_ACCOUNT and its companions are set (DuckDB at `db` otherwise).
 * Prints both choices first, then runs {@link runLocal} or {@link runOnSnowflake}; resolves with its code.
 *
 * @example
 * const code = await runDemo({ events: 5000, days: 3, seed: 42, db: ':memory:', dlq: 'dlq.jsonl', malformedRate: 0.01, duplicateRate: 0.01, print: console.log }, process.env);
 */
export async function runDemo(
  options: Omit<LocalRunOptions, 'transport'>,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const transport = chooseTransport(readCliEnv(env), env, options.seed);
  const snowflake = snowflakeConfigFromEnv(env);
  const database = snowflake?.database ?? wineShopSpec.database;
  options.print(`Transport: ${transport.description}\n`);
  options.print(
    `Warehouse: ${
      snowflake === undefined
        ? `DuckDB at ${options.db} (set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a password or key for Snowflake)`
        : `Snowflake (account ${snowflake.account}, database ${database})`
    }\n`,
  );
  if (snowflake === undefined) return runLocal({ ...options, transport });
  const warehouse = await SnowflakeWarehouse.connect(snowflake);
  try {
    return await runOnSnowflake(warehouse, { ...options, transport, database });
  } finally {
    await warehouse.close();
  }
}
