import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { csvCell } from '../../../src/generate/csv-writer.js';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import { EVENT_CSV_COLUMNS, eventToCsvRecord } from '../../../src/load/event-csv.js';
import { readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';

/** Every kind of bad line the loader must dead-letter, each with the reason code it must get. */
export const BAD_KINDS = {
  non_json: 'invalid_json',
  wrong_types: 'invalid_event',
  unknown_type: 'unknown_event_type',
  missing_event_id: 'invalid_event',
  two_megabytes: 'invalid_event',
  non_utf8: 'invalid_encoding',
} as const;
export type BadKind = keyof typeof BAD_KINDS;
// One 2 MB line is enough to prove the size limit; the other kinds take turns.
const CYCLED: readonly BadKind[] = [
  'non_json',
  'wrong_types',
  'unknown_type',
  'missing_event_id',
  'non_utf8',
];

type Event = Record<string, unknown> & { event_id: string };

/** Generated events plus one bad line per 100 events (1 %), of every kind. */
export interface LoadFixture {
  readonly events: readonly Event[];
  /** The file's lines in order, each valid event or a bad line of some kind. */
  readonly lines: readonly ({ kind: 'valid'; event: Event } | { kind: BadKind; event: Event })[];
}

export function loadFixture(count: number, seed: number): LoadFixture {
  const events = createGenerator(wineShop, { seed }).take(count) as unknown as Event[];
  const lines: LoadFixture['lines'][number][] = [];
  events.forEach((event, i) => {
    lines.push({ kind: 'valid', event });
    if (i % 100 === 50) {
      const kind = i === 50 ? 'two_megabytes' : (CYCLED[Math.floor(i / 100) % CYCLED.length] ?? 'non_json');
      // A fresh id: a bad copy must never be mistaken for its valid original.
      lines.push({ kind, event: { ...event, event_id: randomUUID() } });
    }
  });
  return { events, lines };
}

const HUGE = 'x'.repeat(2 * 1024 * 1024);

function badEvent(kind: BadKind, event: Event): Record<string, unknown> {
  const data = event.event_data as Record<string, unknown>;
  switch (kind) {
    case 'wrong_types':
      return { ...event, event_timestamp: 'hier vers 18h', event_data: { ...data, quantity: 'six' } };
    case 'unknown_type':
      return { ...event, event_type: 'ORDER_SHIPPED' };
    case 'missing_event_id': {
      const { event_id: _dropped, ...rest } = event;
      return rest;
    }
    case 'two_megabytes':
      return { ...event, event_data: { ...data, shipping_address: HUGE } };
    default:
      return event;
  }
}

/** A bad line's bytes; `row` renders a (possibly broken) event in the file's format. */
function badLine(kind: BadKind, event: Event, format: 'jsonl' | 'csv'): Buffer {
  const text = rowOf(format)(badEvent(kind, event));
  if (kind === 'non_json' && format === 'csv') {
    // Only the event_data cell is broken: a cut CSV quote would swallow the following lines.
    const data = JSON.stringify(event.event_data);
    return Buffer.from(text.replace(csvCell(data), csvCell(data.slice(0, data.length / 2))));
  }
  if (kind === 'non_json') return Buffer.from(text.slice(0, Math.floor(text.length / 2)));
  if (kind === 'non_utf8') {
    const bytes = Buffer.from(text);
    const at = bytes.indexOf(Buffer.from('"product_name'));
    return Buffer.concat([bytes.subarray(0, at + 2), Buffer.from([0xff]), bytes.subarray(at + 2)]);
  }
  return Buffer.from(text);
}

function rowOf(format: 'jsonl' | 'csv'): (e: Record<string, unknown>) => string {
  return format === 'csv' ? eventToCsvRecord : (e) => JSON.stringify(e);
}

/** Writes the fixture (gzip when the path ends in .gz); returns the line number of every bad line, by kind. */
export async function writeFixture(
  path: string,
  fixture: LoadFixture,
  format: 'jsonl' | 'csv',
): Promise<Map<number, BadKind>> {
  const row = rowOf(format);
  const bad = new Map<number, BadKind>();
  const offset = format === 'csv' ? 1 : 0;
  function* chunks(): Generator<Buffer> {
    if (format === 'csv') yield Buffer.from(`${EVENT_CSV_COLUMNS.join(',')}\n`);
    for (const [index, line] of fixture.lines.entries()) {
      if (line.kind === 'valid') {
        yield Buffer.from(`${row(line.event)}\n`);
      } else {
        bad.set(index + 1 + offset, line.kind);
        yield Buffer.concat([badLine(line.kind, line.event, format), Buffer.from('\n')]);
      }
    }
  }
  const out = createWriteStream(path);
  await (path.endsWith('.gz') ? pipeline(chunks, createGzip(), out) : pipeline(chunks, out));
  return bad;
}

/** Line number → reason code of every letter in a dead-letter file. */
export async function deadLetterLines(path: string): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for await (const letter of readDeadLetters(path))
    found.set(Number(letter.lineage.line), letter.reason.code);
  return found;
}

/** The reason code each bad line must get. */
export function expectedCodes(bad: ReadonlyMap<number, BadKind>): Map<number, string> {
  return new Map([...bad].map(([line, kind]) => [line, BAD_KINDS[kind]]));
}
