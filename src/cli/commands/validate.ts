import { Command, Option } from 'commander';
import { formatReport } from '../../checks/format-report.js';
import { exitCodeFor, writeReport } from '../../checks/report.js';
import { runChecks } from '../../checks/run-checks.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { cliDomain, DOMAIN_NAMES } from '../domains.js';
import { readCliEnv } from '../env.js';
import { dbOption, list } from '../options.js';
import { action, type ExitCode, errorMessage } from '../run.js';
import { chooseTarget, openExistingDuckDb } from '../warehouse-target.js';

export interface ValidateOptions {
  readonly db?: string;
  readonly spec: string;
  readonly report?: string;
  readonly skip?: readonly string[];
}

/** Exit code when the checks could not run at all (no connection). */
const COULD_NOT_RUN = 3;

/**
 * `eventflake validate`: the pipeline's checks against a DuckDB file (--db) or Snowflake (SNOWFLAKE_*),
 * printed as a table and optionally written as JSON. Exit codes: 0 pass, 1 warnings, 2 failures,
 * 3 could not run; a wrong option or variable also exits 1, with a one-line `eventflake:` message.
 *
 * @example
 * eventflake validate --db caves.duckdb --report reports/checks.json --skip late_events
 */
export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'run the data-quality checks on a DuckDB file or on Snowflake (SNOWFLAKE_*); exit 0 pass, 1 warn, 2 fail, 3 could not run',
    )
    .addOption(dbOption('DuckDB file to check; Snowflake from SNOWFLAKE_* when neither is set'))
    .addOption(new Option('--spec <name>', 'pipeline spec').choices(DOMAIN_NAMES).default('wine-shop'))
    .option('--report <file>', 'also write the report as JSON to this file')
    .addOption(
      new Option('--skip <checks>', 'check names or categories to skip, comma-separated').argParser(list),
    )
    .action(action(runValidate));
}

/** Runs `validate`; resolves with the checks' exit code. */
export async function runValidate(options: ValidateOptions): Promise<ExitCode> {
  const { checks } = cliDomain(options.spec);
  const target = chooseTarget(options.db, readCliEnv(process.env), process.env);
  let warehouse: Warehouse;
  try {
    warehouse = target.kind === 'duckdb' ? await openExistingDuckDb(target.path) : await target.open();
  } catch (error) {
    if (target.kind === 'duckdb') throw error;
    process.stderr.write(`eventflake: could not connect to Snowflake: ${errorMessage(error)}\n`);
    return COULD_NOT_RUN;
  }
  try {
    const report = await runChecks({
      warehouse,
      ...checks,
      ...(options.skip === undefined ? {} : { skip: options.skip }),
    });
    process.stdout.write(`${formatReport(report)}\n`);
    if (options.report !== undefined) {
      process.stdout.write(`Report written to ${await writeReport(report, options.report)}\n`);
    }
    return exitCodeFor(report);
  } finally {
    await warehouse.close();
  }
}
