import { EventflakeError } from '../../errors.js';
import { clip } from '../../events/errors.js';
import type { ParseIssue } from '../../events/issues.js';

/**
 * `ERR_REPLAY_ROW`: one line of a replay file is unusable (bad field, wrong field count, invalid JSON,
 * an event the registry rejects). `ERR_REPLAY_FILE`: the file cannot be read at all (line 0).
 */
export type ReplayErrorCode = 'ERR_REPLAY_ROW' | 'ERR_REPLAY_FILE';

/**
 * A replay file problem, located: `file:line: reason`.
 *
 * @example
 * try { for await (const event of replay('data/seed/orders.csv')) send(event); }
 * catch (err) { if (err instanceof ReplayError) console.error(err.file, err.line, err.reason); }
 */
export class ReplayError extends EventflakeError {
  readonly file: string;
  /** 1-based line number (the header is line 1 of a CSV); 0 when the file itself failed. */
  readonly line: number;
  readonly reason: string;

  constructor(code: ReplayErrorCode, file: string, line: number, reason: string, cause?: unknown) {
    super(code, line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`, { retriable: false, cause });
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** A value from the file, shortened and quoted for a reason text. */
export function quoted(value: string): string {
  return `\`${clip(value, 40)}\``;
}

/** The registry's issues as one reason: `path: message; …` (at most three). */
export function describeIssues(issues: readonly ParseIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? '(event)' : issue.path.join('.');
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return shown.join('; ') + more;
}

/** How a reader treats a bad row: throw (the default) or hand it to a callback and go on. */
export type BadRowPolicy = 'throw' | ((error: ReplayError) => void);

/** Apply the policy to one bad row. */
export function reportBadRow(policy: BadRowPolicy, error: ReplayError): void {
  if (policy === 'throw') throw error;
  policy(error);
}
