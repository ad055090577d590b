import { Command, Option } from 'commander';
import { LoadToleranceError } from '../../load/errors.js';
import { loadFiles } from '../../load/load-files.js';
import { cliDomain } from '../domains.js';
import { readCliEnv } from '../env.js';
import { dbOption, domainOption, shareUpTo, wholeNumber } from '../options.js';
import { action, type ExitCode, errorMessage } from '../run.js';
import { openRawTarget } from '../warehouse-target.js';

export interface LoadCommandOptions {
  readonly db?: string;
  readonly domain: string;
  readonly dlq?: string;
  readonly format?: 'jsonl' | 'csv';
  readonly maxBadLines?: number;
  readonly maxBadRatio?: number;
  readonly memoryLimit?: string;
}

/** Exit codes besides 0 (every line loaded or already in RAW). */
const SOME_BAD_LINES = 1;
const REFUSED_BY_TOLERANCE = 2;

/**
 * `eventflake load <files…>`: JSONL or CSV event files (plain or gzip) into RAW of a DuckDB file (--db,
 * RAW created when missing) or of Snowflake (SNOWFLAKE_*), through `loadFiles`: every line validated, bad
 * lines to the dead-letter file, EVENT_IDs already in RAW skipped. Progress on a terminal, the summary on
 * stderr. Exit codes: 0 every line valid, 1 some lines dead-lettered (the rest landed), 2 more bad lines
 * than the tolerance allows (nothing landed); a wrong option, variable or unreadable file also exits 1.
 *
 * @example
 * eventflake load orders-2025.jsonl.gz --db caves.duckdb --memory-limit 2GB --max-bad-ratio 0.01
 */
export function loadCommand(): Command {
  return new Command('load')
    .description(
      'load JSONL or CSV event files (plain or gzip) into RAW, validated and deduplicated; exit 0 all valid, 1 some dead-lettered, 2 over the tolerance',
    )
    .argument('<files...>', 'event files, loaded in this order')
    .addOption(
      dbOption(
        'DuckDB file to load into (created with the pipeline tables when missing); Snowflake from SNOWFLAKE_* when neither is set',
      ),
    )
    .addOption(domainOption())
    .option(
      '--dlq <file>',
      'dead-letter file for bad lines, appended (default: $EVENTFLAKE_DLQ_PATH, else load-dead-letters.jsonl)',
    )
    .addOption(
      new Option('--format <format>', 'file format (default: from each name, .csv or JSONL)').choices([
        'jsonl',
        'csv',
      ]),
    )
    .addOption(
      new Option('--max-bad-lines <n>', 'stop, landing nothing, past this many bad lines').argParser(
        wholeNumber(0),
      ),
    )
    .addOption(
      new Option('--max-bad-ratio <p>', 'land nothing if more than this share of lines is bad').argParser(
        shareUpTo(1),
      ),
    )
    .option(
      '--memory-limit <size>',
      "DuckDB only: its memory_limit, e.g. '2GB'; past it DuckDB spills to disk",
    )
    .action(action(runLoad));
}

/** Runs `load`; resolves with the exit code. */
export async function runLoad(files: readonly string[], options: LoadCommandOptions): Promise<ExitCode> {
  const { registry, checks } = cliDomain(options.domain);
  const env = readCliEnv(process.env);
  const dlq = options.dlq ?? env.EVENTFLAKE_DLQ_PATH ?? 'load-dead-letters.jsonl';
  const memoryLimit = options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit };
  const target = await openRawTarget(options.db, env, checks.spec, memoryLimit);
  try {
    const tolerance = {
      ...(options.maxBadLines === undefined ? {} : { maxBadLines: options.maxBadLines }),
      ...(options.maxBadRatio === undefined ? {} : { maxBadRatio: options.maxBadRatio }),
    };
    const summary = await loadFiles(files, {
      warehouse: target.warehouse,
      rawTable: target.table,
      registry,
      deadLetterPath: dlq,
      tolerance,
      progress: true,
      ...(options.format === undefined ? {} : { format: options.format }),
    });
    return summary.bad > 0 ? SOME_BAD_LINES : 0;
  } catch (error) {
    if (!(error instanceof LoadToleranceError)) throw error;
    process.stderr.write(`eventflake: ${errorMessage(error)}; dead letters in ${dlq}\n`);
    return REFUSED_BY_TOLERANCE;
  } finally {
    await target.close();
  }
}
