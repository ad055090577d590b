import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { startDashboard } from '../../dashboard/dashboard-server.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { readCliEnv } from '../env.js';
import { dbOption, wholeNumber } from '../options.js';
import { action, type ExitCode } from '../run.js';
import { onShutdown } from '../signals.js';
import { chooseTarget, openExistingDuckDb } from '../warehouse-target.js';

export interface DashboardCommandOptions {
  readonly db?: string;
  readonly dlq?: string;
  readonly port: number;
  readonly host: string;
  readonly refreshSeconds: number;
}

const DEFAULT_PORT = 8090;

/**
 * `eventflake dashboard`: serves the wine shop's dashboard (KPIs, charts, stock alerts, pipeline
 * health) over a DuckDB file or Snowflake until SIGINT/SIGTERM. A DuckDB file is held by one process
 * at a time: stop `consume` or `run-local` on the same file first (docs/dashboard.md).
 *
 * @example
 * eventflake dashboard --db caves.duckdb --port 8090 --refresh-seconds 5
 */
export function dashboardCommand(): Command {
  return new Command('dashboard')
    .description(
      'serve a web dashboard over a DuckDB file, or Snowflake from SNOWFLAKE_*, until SIGINT/SIGTERM',
    )
    .addOption(dbOption('existing DuckDB file to show; Snowflake from SNOWFLAKE_* when neither is set'))
    .option(
      '--dlq <file>',
      'dead-letter file to count (default: $EVENTFLAKE_DLQ_PATH, else <db>.dead-letters.jsonl or dead-letters.jsonl if present)',
    )
    .addOption(
      new Option('--port <port>', 'port to listen on, 0 for any free one')
        .argParser(wholeNumber(0, 65_535))
        .default(DEFAULT_PORT),
    )
    .option('--host <host>', 'address to bind; loopback unless you mean to expose the figures', '127.0.0.1')
    .addOption(
      new Option('--refresh-seconds <s>', 'seconds between two refreshes of the page')
        .argParser(wholeNumber(1, 3600))
        .default(10),
    )
    .action(action(runDashboard));
}

/** Runs `dashboard` until a signal stops it; resolves with the exit code. */
export async function runDashboard(options: DashboardCommandOptions): Promise<ExitCode> {
  const env = readCliEnv(process.env);
  const target = chooseTarget(options.db, env, process.env);
  const warehouse: Warehouse =
    target.kind === 'duckdb' ? await openExistingDuckDb(target.path) : await target.open();
  const shutdown = onShutdown();
  try {
    const dlqPath =
      options.dlq ??
      env.EVENTFLAKE_DLQ_PATH ??
      presentDeadLetterFile(target.kind === 'duckdb' ? target.path : undefined);
    const dashboard = await startDashboard({
      warehouse,
      port: options.port,
      host: options.host,
      refreshSeconds: options.refreshSeconds,
      ...(dlqPath === undefined ? {} : { dlqPath }),
    });
    const source = target.kind === 'duckdb' ? target.path : 'Snowflake';
    process.stdout.write(`dashboard of ${source} at ${dashboard.url}; SIGINT or SIGTERM stops\n`);
    await new Promise<void>((resolve) => {
      if (shutdown.signal.aborted) resolve();
      else shutdown.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await dashboard.close();
    return 0;
  } finally {
    shutdown.dispose();
    await warehouse.close();
  }
}

/** The dead-letter files run-local and consume write by default, when one is there. */
function presentDeadLetterFile(db: string | undefined): string | undefined {
  const candidates = [...(db === undefined ? [] : [`${db}.dead-letters.jsonl`]), 'dead-letters.jsonl'];
  return candidates.find((path) => existsSync(path));
}
