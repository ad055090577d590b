import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckReport, CheckResult, CheckStatus } from './types.js';

/**
 * The CLI's exit codes: 0 every check passed (or was skipped), 1 warnings only, 2 at least one
 * failure, 3 at least one check could not run (connection, SQL error). The worst status wins, so a
 * run with both a failure and an error exits 3: its verdict is incomplete.
 *
 * @example
 * process.exitCode = EXIT_CODES[report.status];
 */
export const EXIT_CODES: Readonly<Record<CheckStatus, 0 | 1 | 2 | 3>> = Object.freeze({
  PASS: 0,
  SKIP: 0,
  WARN: 1,
  FAIL: 2,
  ERROR: 3,
});

const RANK: readonly Exclude<CheckStatus, 'SKIP'>[] = ['PASS', 'WARN', 'FAIL', 'ERROR'];

/**
 * The worst status among results; PASS for none or only skipped ones.
 *
 * @example
 * overallStatus(report.checks); // 'WARN'
 */
export function overallStatus(results: readonly Pick<CheckResult, 'status'>[]): Exclude<CheckStatus, 'SKIP'> {
  let worst = 0;
  for (const { status } of results) {
    if (status !== 'SKIP') worst = Math.max(worst, RANK.indexOf(status));
  }
  return RANK[worst] ?? 'ERROR';
}

/**
 * The exit code for a report (see {@link EXIT_CODES}).
 *
 * @example
 * process.exit(exitCodeFor(await runChecks({ warehouse, ...wineShopChecks })));
 */
export function exitCodeFor(report: {
  readonly checks: readonly Pick<CheckResult, 'status'>[];
}): 0 | 1 | 2 | 3 {
  return EXIT_CODES[overallStatus(report.checks)];
}

/**
 * Writes the report as indented JSON, creating the folder; resolves with the path.
 *
 * @example
 * await writeReport(report, `reports/checks_${report.timestamp.replaceAll(':', '-')}.json`);
 */
export async function writeReport(report: CheckReport, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return path;
}
