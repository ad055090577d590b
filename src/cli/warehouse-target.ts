import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import { snowflakeConfigFromEnv } from '../warehouse/snowflake/snowflake-config.js';
import { SnowflakeWarehouse } from '../warehouse/snowflake/snowflake-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { CliEnv } from './env.js';

/** Where a command reads or writes: a DuckDB file given by --db, or Snowflake from SNOWFLAKE_*. */
export type TargetChoice =
  | { readonly kind: 'duckdb'; readonly path: string }
  | { readonly kind: 'snowflake'; readonly open: () => Promise<Warehouse> };

/**
 * `--db` (or EVENTFLAKE_DUCKDB_PATH) wins; otherwise SNOWFLAKE_ACCOUNT selects Snowflake, its
 * variables checked before any connection. Neither throws a ConfigError naming both.
 *
 * @example
 * const target = chooseTarget(options.db, readCliEnv(process.env), process.env);
 */
export function chooseTarget(db: string | undefined, cliEnv: CliEnv, env: NodeJS.ProcessEnv): TargetChoice {
  const path = db ?? cliEnv.EVENTFLAKE_DUCKDB_PATH;
  if (path !== undefined) return { kind: 'duckdb', path };
  const config = snowflakeConfigFromEnv(env);
  if (config === undefined) {
    throw new ConfigError(
      '--db',
      'a DuckDB file (or EVENTFLAKE_DUCKDB_PATH), or SNOWFLAKE_ACCOUNT and its companions set for Snowflake',
      undefined,
    );
  }
  return { kind: 'snowflake', open: () => SnowflakeWarehouse.connect(config) };
}

/**
 * Opens a DuckDB file that must already exist: DuckDB would otherwise create an empty one silently.
 *
 * @example
 * const warehouse = await openExistingDuckDb('caves.duckdb');
 */
export async function openExistingDuckDb(path: string): Promise<DuckDbWarehouse> {
  if (!existsSync(path)) throw new ConfigError('--db', 'an existing DuckDB file', path);
  return DuckDbWarehouse.open({ path });
}
