import type { DialectName } from '../ddl/spec/queries.js';
import { ConfigError, isEventflakeError } from '../errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { sqlContext } from './check-sql.js';
import { type CheckDefinition, type Measurement, statusFor } from './definition.js';
import { EXIT_CODES, overallStatus } from './report.js';
import { type CheckSuiteOptions, checkSuite } from './suite.js';
import { CHECK_STATUSES, type CheckCategory, type CheckReport, type CheckResult } from './types.js';

const CATEGORIES: readonly CheckCategory[] = [
  'reconciliation',
  'duplicates',
  'quality',
  'timeliness',
  'health',
  'custom',
];

/** Options of {@link runChecks}. */
export interface RunChecksOptions extends CheckSuiteOptions {
  readonly warehouse: Warehouse;
  /** @default the warehouse's dialect */
  readonly dialect?: DialectName;
  /** Check names or categories to leave out; they are reported as SKIP. */
  readonly skip?: readonly string[];
  /** The database named in the report. @default the spec's database */
  readonly database?: string;
}

/**
 * Runs every check of the pipeline one after the other and reports them; never throws for a check
 * that cannot run (that check is an ERROR), only for bad options.
 *
 * @example
 * const report = await runChecks({ warehouse: local.warehouse, ...wineShopChecks });
 * console.log(formatReport(report));
 * process.exitCode = exitCodeFor(report);
 */
export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
  const dialect = options.dialect ?? options.warehouse.dialect;
  if (dialect !== 'snowflake' && dialect !== 'duckdb') {
    throw new ConfigError('dialect', "'snowflake' or 'duckdb'", dialect);
  }
  const timestamp = new Date().toISOString();
  const checks = checkSuite(options).filter((c) =>
    (c.kind === 'sql' ? c.query.dialects : c.dialects).includes(dialect),
  );
  const skip = new Set(options.skip ?? []);
  for (const entry of skip) {
    if (!CATEGORIES.includes(entry as CheckCategory) && !checks.some((c) => c.name === entry)) {
      throw new ConfigError('skip', `check names or categories (${CATEGORIES.join(', ')})`, entry);
    }
  }
  const results: CheckResult[] = [];
  for (const check of checks) {
    const skipped = skip.has(check.name) || skip.has(check.category);
    results.push(skipped ? skippedResult(check) : await runOne(check, options.warehouse, dialect));
  }
  const status = overallStatus(results);
  const summary = Object.fromEntries(
    CHECK_STATUSES.map((s) => [s, results.filter((r) => r.status === s).length]),
  ) as Record<(typeof CHECK_STATUSES)[number], number>;
  return {
    timestamp,
    target: { dialect, database: options.database ?? options.spec.database },
    status,
    exitCode: EXIT_CODES[status],
    summary,
    checks: results,
  };
}

async function runOne(
  check: CheckDefinition,
  warehouse: Warehouse,
  dialect: DialectName,
): Promise<CheckResult> {
  const started = performance.now();
  const sql = check.kind === 'sql' ? check.query.sql(sqlContext(dialect)) : null;
  const base = {
    name: check.name,
    category: check.category,
    title: check.title,
    threshold: check.threshold,
    sql,
  };
  let measured: Measurement;
  try {
    if (check.kind === 'sql') {
      const rows = await warehouse.execute(sql ?? '', check.binds);
      measured = check.measure(rows[0]);
    } else {
      const outcome = await check.run(warehouse);
      measured = typeof outcome === 'number' ? { value: outcome, message: `count ${outcome}` } : outcome;
    }
  } catch (error) {
    return {
      ...base,
      status: 'ERROR',
      value: null,
      message: `could not run: ${describe(error)}`,
      details: {},
      durationMs: elapsed(started),
    };
  }
  const status =
    measured.status ?? (measured.value === null ? 'ERROR' : statusFor(measured.value, check.threshold));
  return {
    ...base,
    status,
    value: measured.value,
    message: measured.message,
    details: measured.details ?? {},
    durationMs: elapsed(started),
  };
}

function skippedResult(check: CheckDefinition): CheckResult {
  return {
    name: check.name,
    category: check.category,
    title: check.title,
    status: 'SKIP',
    value: null,
    threshold: check.threshold,
    message: `skipped by configuration (skip: ${check.category} or ${check.name})`,
    sql: null,
    details: {},
    durationMs: 0,
  };
}

/** The error's code and first line: driver messages name the statement, never credentials. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = isEventflakeError(error) ? `${error.code}: ` : '';
  const firstLine = text.split('\n', 1)[0] ?? '';
  return `${code}${firstLine.slice(0, 300)}`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
