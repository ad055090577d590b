import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** One CSV cell: text or a number. */
export type CsvCell = string | number;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * RFC 4180 cell text: quoted (with doubled quotes) when it holds a comma, quote, line break or
 * edge spaces.
 *
 * @example
 * csvCell('Rue de la Paix, 75002 Paris'); // => '"Rue de la Paix, 75002 Paris"'
 */
export function csvCell(value: CsvCell): string {
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Write a CSV file (header + rows, `\n` line ends) through a stream, waiting on backpressure so
 * large exports stay in constant memory. Returns the number of data rows.
 *
 * @example
 * await writeCsv('out/customers.csv', ['id', 'name'], [['CUST_000001', 'Léa Martin']]);
 */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly CsvCell[]>,
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error));
  failed.catch(() => undefined);
  let count = 0;
  let chunk = `${header.map(csvCell).join(',')}\n`;
  for (const row of rows) {
    chunk += `${row.map(csvCell).join(',')}\n`;
    count++;
    // Batch rows into ~64 KB writes: one write per row costs more than the formatting.
    if (chunk.length >= 65_536) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([finished(out), failed]);
  return count;
}
