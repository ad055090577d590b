import { ENVELOPE_KEYS } from '../events/envelope.js';
import { csvCell } from '../generate/csv-writer.js';
import type { DeadLetterReason } from '../sink/dead-letter.js';

/**
 * The CSV layout of an event file: one envelope per record, `event_data` and `source` as JSON text,
 * an empty `product_id` / `customer_id` for none. The header must list exactly these columns, in any order.
 */
export const EVENT_CSV_COLUMNS = ENVELOPE_KEYS;
type EventCsvColumn = (typeof EVENT_CSV_COLUMNS)[number];

const JSON_COLUMNS: ReadonlySet<EventCsvColumn> = new Set(['event_data', 'source']);
const ID_COLUMNS: ReadonlySet<EventCsvColumn> = new Set(['product_id', 'customer_id']);

/**
 * One event as a CSV record in the {@link EVENT_CSV_COLUMNS} layout (no line break).
 *
 * @example
 * writeStream.write(`${EVENT_CSV_COLUMNS.join(',')}\n${eventToCsvRecord(event)}\n`);
 */
export function eventToCsvRecord(event: Readonly<Record<string, unknown>>): string {
  return EVENT_CSV_COLUMNS.map((column) => {
    const value = event[column];
    if (value === null || value === undefined) return '';
    return csvCell(JSON_COLUMNS.has(column) || typeof value !== 'string' ? JSON.stringify(value) : value);
  }).join(',');
}

/**
 * RFC 4180 fields of one record, or undefined when a quote is misplaced.
 *
 * @example
 * splitCsvRecord('a,"b,""c""",'); // => ['a', 'b,"c"', '']
 */
export function splitCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return undefined;
        value += text.slice(i, close);
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text[i] !== ',') return undefined;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const value = text.slice(i, comma === -1 ? text.length : comma);
      if (value.includes('"')) return undefined;
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

/** Column positions from a header record; throws a message when it is not the event layout. */
export function eventCsvHeader(fields: readonly string[]): Map<EventCsvColumn, number> {
  const names = fields.map((f) => f.trim().toLowerCase());
  const columns = new Map<EventCsvColumn, number>();
  for (const column of EVENT_CSV_COLUMNS) {
    const index = names.indexOf(column);
    if (index === -1 || names.indexOf(column, index + 1) !== -1) {
      throw new Error(`expected a header with the columns ${EVENT_CSV_COLUMNS.join(', ')} once each`);
    }
    columns.set(column, index);
  }
  if (names.length !== EVENT_CSV_COLUMNS.length) {
    throw new Error(`expected exactly ${EVENT_CSV_COLUMNS.length} columns, got ${names.length}`);
  }
  return columns;
}

/** The envelope object a CSV record stands for, ready for the registry, or why it is not one. */
export function csvRecordToEnvelope(
  fields: readonly string[],
  columns: ReadonlyMap<EventCsvColumn, number>,
): { readonly envelope: Record<string, unknown> } | { readonly reason: DeadLetterReason } {
  if (fields.length !== columns.size) {
    const message = `Expected ${columns.size} CSV fields like the header, got ${fields.length}`;
    return {
      reason: { code: 'invalid_event', message, issues: [{ path: [], code: 'csv_fields', message }] },
    };
  }
  const envelope: Record<string, unknown> = {};
  for (const [column, index] of columns) {
    const cell = fields[index] ?? '';
    if (JSON_COLUMNS.has(column)) {
      try {
        envelope[column] = JSON.parse(cell);
      } catch (error) {
        return {
          reason: { code: 'invalid_json', message: `${column}: Not JSON: ${(error as Error).message}` },
        };
      }
    } else if (!(ID_COLUMNS.has(column) && cell === '')) {
      envelope[column] = cell;
    }
  }
  return { envelope };
}
