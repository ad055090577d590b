/**
 * Rows as an aligned text table under a title: numbers right-aligned, dates as ISO text.
 *
 * @example
 * process.stdout.write(formatTable('Daily KPIs', rows));
 */
export function formatTable(title: string, rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return `\n${title}\n  (no rows)\n`;
  const columns = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = columns.map((c) => rows.every((r) => isNumeric(r[c])));
  const line = (values: readonly string[]) =>
    `  ${values.map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  const lines = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  return `\n${title}\n${lines.join('\n')}\n`;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || value === null;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
