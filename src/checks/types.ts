import type { DialectName } from '../ddl/spec/queries.js';

/**
 * What one check concluded. SKIP means configuration left the check out; it never changes the
 * overall status.
 *
 * @example
 * CHECK_STATUSES.includes('WARN'); // true
 */
export const CHECK_STATUSES = ['PASS', 'WARN', 'FAIL', 'ERROR', 'SKIP'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The family a check belongs to; `skip` accepts a category to leave out all its checks. */
export type CheckCategory = 'reconciliation' | 'duplicates' | 'quality' | 'timeliness' | 'health' | 'custom';

/** A measured value above `warn` is a WARN, above `fail` a FAIL. Either may be absent. */
export interface Threshold {
  readonly warn?: number;
  readonly fail?: number;
}

/** Extra figures a check measured, for the JSON report (e.g. per-column counts). */
export type CheckDetails = Readonly<Record<string, number | string | null>>;

/** One check in the report. */
export interface CheckResult {
  readonly name: string;
  readonly category: CheckCategory;
  readonly title: string;
  readonly status: CheckStatus;
  /** The measured value the threshold applies to; null when nothing could be measured. */
  readonly value: number | null;
  readonly threshold: Threshold | null;
  readonly message: string;
  /** The statement the check ran, as run; null for a function check or a skipped one. */
  readonly sql: string | null;
  readonly details: CheckDetails;
  readonly durationMs: number;
}

/** The whole run: what was checked, where, and the worst status found. */
export interface CheckReport {
  /** ISO 8601 UTC time the run started. */
  readonly timestamp: string;
  readonly target: { readonly dialect: DialectName; readonly database: string };
  /** The worst status among the checks (PASS when every check passed or was skipped). */
  readonly status: Exclude<CheckStatus, 'SKIP'>;
  /** The CLI's exit code for this report; see {@link exitCodeFor}. */
  readonly exitCode: 0 | 1 | 2 | 3;
  readonly summary: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly CheckResult[];
}
