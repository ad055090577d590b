import type { CheckReport, CheckResult, Threshold } from './types.js';

/** Options of {@link formatReport}. */
export interface FormatReportOptions {
  /** Longest message shown per row; the JSON report keeps it whole. @default 90 */
  readonly maxMessage?: number;
}

/**
 * The report as a table for a terminal: one line per check, then the overall status and exit code.
 *
 * @example
 * console.log(formatReport(report));
 */
export function formatReport(report: CheckReport, options: FormatReportOptions = {}): string {
  const max = options.maxMessage ?? 90;
  const header = ['STATUS', 'CHECK', 'VALUE', 'THRESHOLD', 'MESSAGE'];
  const rows = report.checks.map((c) => [
    c.status,
    c.name,
    valueText(c),
    thresholdText(c.threshold),
    clip(c.message, max),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const counts = Object.entries(report.summary)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  return [
    `eventflake checks: ${report.target.dialect} ${report.target.database} at ${report.timestamp}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Overall: ${report.status} (${counts || 'no checks'}), exit code ${report.exitCode}`,
  ].join('\n');
}

function valueText(c: CheckResult): string {
  return c.value === null ? '-' : String(c.value);
}

function thresholdText(t: Threshold | null): string {
  if (t === null) return '-';
  const parts = [t.warn === undefined ? '' : `warn>${t.warn}`, t.fail === undefined ? '' : `fail>${t.fail}`];
  return parts.filter(Boolean).join(' ') || '-';
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
