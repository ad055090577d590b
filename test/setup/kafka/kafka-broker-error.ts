import { existsSync, readFileSync } from 'node:fs';
import { EventflakeError } from '../../../src/errors.js';

/**
 * The test broker could not be resolved, formatted or started. Codes start with `ERR_TEST_KAFKA_`.
 *
 * @example
 * throw new KafkaBrokerError('ERR_TEST_KAFKA_START', `broker exited; see ${logFile}`);
 */
export class KafkaBrokerError extends EventflakeError {}

/** The last `lines` lines of a text, so an error shows the cause without flooding the terminal. */
export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Part of a log file for an error message, or nothing when the file was never written. A tool that
 * dies at once prints its exception first; a broker logs the cause as ERROR lines and then pages of
 * orderly shutdown, so `errors` picks those lines and falls back to the end of the file.
 */
export function excerptOfFile(path: string, lines: number, part: 'first' | 'last' | 'errors'): string {
  if (!existsSync(path)) return '';
  const all = readFileSync(path, 'utf8').trimEnd().split('\n');
  const errors = part === 'errors' ? errorLines(all) : [];
  const picked =
    part === 'first' ? all.slice(0, lines) : errors.length > 0 ? errors.slice(0, lines) : all.slice(-lines);
  const text = picked.join('\n').trim();
  const what = errors.length > 0 ? 'error lines' : `${part === 'first' ? 'first' : 'last'} lines`;
  return text ? `\n--- ${what} of ${path} ---\n${text}` : '';
}

/** ERROR and FATAL lines with the exception messages under them, without the stack frames. */
function errorLines(lines: string[]): string[] {
  const picked: string[] = [];
  let inError = false;
  for (const line of lines) {
    if (line.startsWith('[')) inError = /\] (ERROR|FATAL) /.test(line);
    if (inError && !/^\s+(at |\.\.\. \d+ more)/.test(line)) picked.push(line);
  }
  return picked;
}
