import type { DeadLetter } from '../sink/dead-letter.js';
import { deadLetter, decodeRecord, originalValue } from '../sink/decode-record.js';
import type { EventParser } from '../sink/event-parser.js';
import { decodeUtf8, toBase64 } from '../sink/json-text.js';
import type { RawEventRow } from '../warehouse/raw-layout.js';
import { LoadFileError } from './errors.js';
import { csvRecordToEnvelope, eventCsvHeader, splitCsvRecord } from './event-csv.js';
import { type FileLine, readLines } from './line-reader.js';

/** The line formats the loader reads; either may be gzip-compressed. */
export type LoadFormat = 'jsonl' | 'csv';

/** Where each line of a file goes: a valid event as a RAW row, a bad one as a dead letter. */
export interface LineSink {
  /** Returns a promise only when the caller must wait (backpressure). */
  row(row: RawEventRow, line: number): Promise<void> | undefined;
  dead(letter: DeadLetter): void | Promise<void>;
  bytesRead(n: number): void;
}

export interface ValidateOptions {
  readonly format: LoadFormat;
  readonly parser: EventParser;
  readonly maxLineBytes: number;
  /** Written into RAW's EVENT_METADATA and the dead letters' lineage as `file`. */
  readonly fileLabel: string;
  readonly now: () => Date;
}

/** Counts of one file: `lines` excludes blank lines and the CSV header. */
export interface FileCounts {
  lines: number;
  valid: number;
  bad: number;
}

/**
 * Validate every line of one file with the registry, streaming: constant memory whatever the file size.
 *
 * @example
 * const counts = await validateFile('events.jsonl.gz', { format: 'jsonl', parser: wineShopRegistry, ... }, sink);
 */
export async function validateFile(
  path: string,
  options: ValidateOptions,
  sink: LineSink,
): Promise<FileCounts> {
  const counts: FileCounts = { lines: 0, valid: 0, bad: 0 };
  const records = readLines(path, (n) => sink.bytesRead(n));
  const decode = options.format === 'csv' ? csvDecoder(path, options) : jsonlDecoder(options);
  for await (const record of options.format === 'csv' ? csvRecords(records, options.maxLineBytes) : records) {
    if (record.bytes.length === 0) continue;
    const decoded = decode(record);
    if (decoded === undefined) continue;
    counts.lines++;
    if (decoded.kind === 'row') {
      counts.valid++;
      const waiting = sink.row(decoded.row, record.line);
      if (waiting !== undefined) await waiting;
    } else {
      counts.bad++;
      await sink.dead(decoded.letter);
    }
  }
  return counts;
}

export type Decoded = { kind: 'row'; row: RawEventRow } | { kind: 'dead'; letter: DeadLetter };

function jsonlDecoder(options: ValidateOptions): (record: FileLine) => Decoded {
  return (record) => {
    const lineage = { file: options.fileLabel, line: record.line };
    return (
      tooLong(record, lineage, options) ??
      decodeRecord({ value: record.bytes, lineage }, options.parser, options.now)
    );
  };
}

/** The first CSV record is the header; later records become envelopes, then go through the same decoding. */
function csvDecoder(path: string, options: ValidateOptions): (record: FileLine) => Decoded | undefined {
  let columns: ReturnType<typeof eventCsvHeader> | undefined;
  return (record) => {
    const lineage = { file: options.fileLabel, line: record.line };
    const oversized = tooLong(record, lineage, options);
    if (oversized) return oversized;
    const text = decodeUtf8(record.bytes);
    if (text === undefined) {
      const reason = { code: 'invalid_encoding', message: 'The line is not valid UTF-8 text' } as const;
      return {
        kind: 'dead',
        letter: deadLetter(toBase64(record.bytes), 'base64', reason, lineage, options.now()),
      };
    }
    const fields = splitCsvRecord(text);
    if (columns === undefined) {
      try {
        columns = eventCsvHeader(fields ?? []);
      } catch (error) {
        throw new LoadFileError(path, `line ${record.line}: ${(error as Error).message}`);
      }
      return undefined;
    }
    const built =
      fields === undefined
        ? ({ reason: { code: 'invalid_event', message: 'Misplaced quote in a CSV field' } } as const)
        : csvRecordToEnvelope(fields, columns);
    if ('reason' in built)
      return { kind: 'dead', letter: deadLetter(text, 'utf8', built.reason, lineage, options.now()) };
    const decoded = decodeRecord(
      { value: JSON.stringify(built.envelope), lineage },
      options.parser,
      options.now,
    );
    // The dead letter keeps the line as it was in the file, not the JSON it was turned into.
    return decoded.kind === 'row' ? decoded : { kind: 'dead', letter: { ...decoded.letter, value: text } };
  };
}

/**
 * The dead letter of a line over `maxLineBytes`, or `undefined` when the line fits.
 *
 * @example
 * tooLong({ line: 3, bytes }, { file: 'a.jsonl', line: 3 }, { maxLineBytes: 1024, now: () => new Date() });
 */
export function tooLong(
  record: FileLine,
  lineage: Readonly<Record<string, unknown>>,
  options: Pick<ValidateOptions, 'maxLineBytes' | 'now'>,
): Decoded | undefined {
  if (record.bytes.length <= options.maxLineBytes) return undefined;
  const message = `The line is ${record.bytes.length} bytes, over the ${options.maxLineBytes}-byte limit (maxLineBytes)`;
  const reason = {
    code: 'invalid_event',
    message,
    issues: [{ path: [], code: 'line_too_long', message }],
  } as const;
  const original = originalValue(record.bytes);
  const letter = deadLetter(original.value, original.encoding, reason, lineage, options.now());
  return { kind: 'dead', letter };
}

/** Joins the physical lines of a record whose quoted field holds a line break; numbered by its first line. */
async function* csvRecords(
  lines: AsyncIterable<FileLine>,
  maxBytes: number,
): AsyncGenerator<FileLine, void, undefined> {
  let open: { line: number; bytes: Buffer; quotes: number } | undefined;
  for await (const { line, bytes } of lines) {
    const quotes = countQuotes(bytes);
    if (open === undefined) {
      if (quotes % 2 === 0) yield { line, bytes };
      else open = { line, bytes, quotes };
      continue;
    }
    open = {
      line: open.line,
      bytes: Buffer.concat([open.bytes, LINE_BREAK, bytes]),
      quotes: open.quotes + quotes,
    };
    // An unclosed quote must not swallow the rest of the file: past the size limit the record ends.
    if (open.quotes % 2 === 0 || open.bytes.length > maxBytes) {
      yield { line: open.line, bytes: open.bytes };
      open = undefined;
    }
  }
  if (open !== undefined) yield { line: open.line, bytes: open.bytes };
}

const LINE_BREAK = Buffer.from('\n');
const QUOTE = 0x22;

/** A quote byte is never part of a multi-byte UTF-8 character, so bytes can be counted before decoding. */
function countQuotes(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(QUOTE); i !== -1; i = bytes.indexOf(QUOTE, i + 1)) n++;
  return n;
}
