import { existsSync } from 'node:fs';
import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import { ConfigError } from '../errors.js';
import { LocalPipeline } from '../local/local-pipeline.js';
import { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import type { QualifiedName } from '../warehouse/identifier.js';
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

/** Where a writing command lands RAW, and how to let go of it. */
export interface RawTarget {
  readonly warehouse: Warehouse;
  readonly table: QualifiedName;
  /** The DuckDB file, or `Snowflake`, for messages. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * The RAW a writing command (`consume`, `load`) lands in: a DuckDB file given the whole local pipeline's
 * DDL (created when missing, so the same file can then be run and validated), or Snowflake.
 * `memoryLimit` is DuckDB's; asking it of Snowflake is a ConfigError naming `--memory-limit`.
 *
 * @example
 * const target = await openRawTarget(options.db, readCliEnv(process.env), wineShopSpec);
 */
export async function openRawTarget(
  db: string | undefined,
  env: CliEnv,
  spec: PipelineSpec,
  options: { readonly memoryLimit?: string } = {},
): Promise<RawTarget> {
  const choice = chooseTarget(db, env, process.env);
  if (choice.kind === 'duckdb') {
    const local = await LocalPipeline.open({ path: choice.path, spec, ...options });
    return {
      warehouse: local.warehouse,
      table: local.rawTable,
      description: choice.path,
      close: () => local.close(),
    };
  }
  if (options.memoryLimit !== undefined) {
    throw new ConfigError('--memory-limit', 'used only with a DuckDB file (--db)', options.memoryLimit);
  }
  const warehouse = await choice.open();
  return { warehouse, table: spec.raw.name, description: 'Snowflake', close: () => warehouse.close() };
}
