import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { ConfigError } from '../../errors.js';
import { readCliEnv } from '../env.js';
import { runLocal } from '../local-run.js';
import { dbOption, seedOption, shareUpTo, wholeNumber } from '../options.js';
import { action, type ExitCode } from '../run.js';

export interface RunLocalOptions {
  readonly events: number;
  readonly days: number;
  readonly seed: number;
  readonly db?: string;
  readonly dlq?: string;
  readonly malformedRate: number;
  readonly duplicateRate: number;
  readonly replace?: boolean;
}

const DEFAULT_DB = 'eventflake-local.duckdb';

/**
 * `eventflake run-local`: the wine-shop demo pipeline on a DuckDB file — generate, land in RAW, run
 * the task DAG, then the checks and a reconciliation. Exits with the checks' code (2 when the
 * reconciliation fails). Follow with `eventflake validate --db <file>`.
 *
 * @example
 * eventflake run-local --events 5000 --days 3 --seed 42 --db caves.duckdb
 */
export function runLocalCommand(): Command {
  return new Command('run-local')
    .description(
      'run the wine-shop pipeline on a DuckDB file: generate, land in RAW, run the task DAG, check',
    )
    .addOption(
      new Option('--events <n>', 'events to generate').argParser(wholeNumber(10, 2_000_000)).default(5000),
    )
    .addOption(
      new Option('--days <n>', 'simulated days the events span, ending now')
        .argParser(wholeNumber(1, 365))
        .default(3),
    )
    .addOption(seedOption(42))
    .addOption(dbOption(`DuckDB file to create (default when unset: ${DEFAULT_DB})`))
    .option(
      '--dlq <file>',
      'JSON Lines file for dead letters (default: $EVENTFLAKE_DLQ_PATH, else <db>.dead-letters.jsonl)',
    )
    .addOption(
      new Option('--malformed-rate <p>', 'share of malformed payloads injected')
        .argParser(shareUpTo(0.5))
        .default(0.01),
    )
    .addOption(
      new Option('--duplicate-rate <p>', 'share of events delivered twice')
        .argParser(shareUpTo(0.5))
        .default(0.01),
    )
    .option('--replace', 'delete an existing database and dead-letter file first')
    .action(action(runRunLocal));
}

/** Runs `run-local`; resolves with the exit code. */
export async function runRunLocal(options: RunLocalOptions): Promise<ExitCode> {
  const env = readCliEnv(process.env);
  const db = options.db ?? env.EVENTFLAKE_DUCKDB_PATH ?? DEFAULT_DB;
  const dlq = options.dlq ?? env.EVENTFLAKE_DLQ_PATH ?? `${db}.dead-letters.jsonl`;
  // The reconciliation counts from an empty database: landing on an earlier run would only add duplicates.
  const leftovers = [db, `${db}.wal`, dlq].filter((path) => existsSync(path));
  if (leftovers.length > 0 && options.replace !== true) {
    throw new ConfigError('--db', `a new file (pass --replace to delete ${leftovers.join(' and ')})`, db);
  }
  for (const path of leftovers) await rm(path);
  process.stdout.write(
    `Les Caves d'Albert — ${options.events} events over ${options.days} simulated days (seed ${options.seed}) into ${db}\n`,
  );
  const started = performance.now();
  const code = await runLocal({ ...options, db, dlq, print: (text) => process.stdout.write(text) });
  process.stdout.write(
    `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s (exit code ${code}).\n`,
  );
  return code;
}
