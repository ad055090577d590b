import { type FastEvent, fastPathOf } from '../events/fast-path/fast-path.js';
import type { ParseIssue } from '../events/issues.js';
import type { RawEventRow } from '../warehouse/raw-layout.js';
import type { DeadLetter, DeadLetterIssue, DeadLetterReason } from './dead-letter.js';
import type { EventParser } from './event-parser.js';
import { decodeUtf8, metadataText, metadataTextWithSource, toBase64, toJsonText } from './json-text.js';
import type { SourceRecord } from './source.js';

/** A record turned into a RAW row, or into a dead letter explaining why it cannot be one. */
export type DecodedRecord =
  | { readonly kind: 'row'; readonly row: RawEventRow; readonly bytes: number }
  | { readonly kind: 'dead'; readonly letter: DeadLetter; readonly bytes: number };

/** How many schema issues a dead letter's message spells out; all of them stay in `issues`. */
const ISSUES_IN_MESSAGE = 3;

/**
 * Decode one source record: bytes → UTF-8 text → JSON → registry. Never throws; every failure becomes
 * a dead letter carrying the original value and the source lineage. A registry from `createRegistry`
 * first tries its fast path on the text (see `fastPathOf`), which gives the same row for a valid event
 * written as JSON.stringify writes it, without JSON.parse, a zod parse or JSON.stringify.
 *
 * @example
 * const decoded = decodeRecord({ value: '{"event_type":"NOPE"}', lineage: { line: 3 } }, registry, () => new Date());
 * decoded.kind; // => 'dead' (reason.code 'unknown_event_type' or 'invalid_event')
 */
export function decodeRecord(record: SourceRecord, parser: EventParser, now: () => Date): DecodedRecord {
  const { value, lineage, lineageJson } = record;
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else {
    const decoded = decodeUtf8(value);
    if (decoded === undefined) {
      const reason = {
        code: 'invalid_encoding',
        message: 'The record value is not valid UTF-8 text',
      } as const;
      const letter = deadLetter(toBase64(value), 'base64', reason, lineage, now());
      return { kind: 'dead', bytes: value.byteLength, letter };
    }
    text = decoded;
  }
  const bytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
  const fast = fastPathOf(parser)?.match(text, typeof value !== 'string');
  if (fast !== undefined) return { kind: 'row', row: fastRow(fast, lineage, lineageJson), bytes };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = { code: 'invalid_json', message: `Not JSON: ${(error as Error).message}` } as const;
    return { kind: 'dead', bytes, letter: deadLetter(text, 'utf8', reason, lineage, now()) };
  }
  const result = parser.parse(json);
  if (!result.ok) {
    const { issues, eventId, eventType } = result.error;
    const letter = deadLetter(text, 'utf8', schemaReason(issues), lineage, now(), { eventId, eventType });
    return { kind: 'dead', bytes, letter };
  }
  const { event } = result;
  const row: RawEventRow = {
    eventId: event.event_id,
    eventType: event.event_type,
    eventTimestamp: event.event_timestamp,
    productId: event.product_id,
    customerId: event.customer_id,
    eventData: toJsonText(event.event_data),
    // The envelope's `source` block lives nowhere else in RAW, so it wins over a lineage key of that name.
    eventMetadata: metadataText(lineage, event.source, lineageJson),
  };
  return { kind: 'row', row, bytes };
}

function fastRow(
  event: FastEvent,
  lineage: Readonly<Record<string, unknown>>,
  lineageJson: string | undefined,
): RawEventRow {
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    eventTimestamp: event.eventTimestamp,
    productId: event.productId,
    customerId: event.customerId,
    eventData: event.eventData,
    eventMetadata: metadataTextWithSource(lineage, event.source, lineageJson),
  };
}

/**
 * A record value as a dead letter keeps it: text as it is, bytes as their UTF-8 text, or base64 when they
 * are not UTF-8.
 *
 * @example
 * originalValue(new Uint8Array([0xff])); // => { value: '/w==', encoding: 'base64' }
 */
export function originalValue(value: string | Uint8Array): {
  value: string;
  encoding: DeadLetter['valueEncoding'];
} {
  if (typeof value === 'string') return { value, encoding: 'utf8' };
  const text = decodeUtf8(value);
  return text === undefined
    ? { value: toBase64(value), encoding: 'base64' }
    : { value: text, encoding: 'utf8' };
}

/**
 * A dead letter for a record the warehouse refused, from the same original value.
 *
 * @example
 * const letter = deadLetter(text, 'utf8', { code: 'warehouse_rejected', message: err.message }, lineage, new Date());
 */
export function deadLetter(
  value: string,
  valueEncoding: DeadLetter['valueEncoding'],
  reason: DeadLetterReason,
  lineage: Readonly<Record<string, unknown>>,
  now: Date,
  ids: { eventId?: string | undefined; eventType?: string | undefined } = {},
): DeadLetter {
  return {
    value,
    valueEncoding,
    reason,
    lineage,
    failedAt: now.toISOString(),
    ...(ids.eventId === undefined ? {} : { eventId: ids.eventId }),
    ...(ids.eventType === undefined ? {} : { eventType: ids.eventType }),
  };
}

function schemaReason(parseIssues: readonly ParseIssue[]): DeadLetterReason {
  const issues: readonly DeadLetterIssue[] = parseIssues;
  const unknownType = issues.find((issue) => issue.code === 'unknown_event_type');
  if (unknownType) return { code: 'unknown_event_type', message: unknownType.message, issues };
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map(describeIssue);
  const more = issues.length > ISSUES_IN_MESSAGE ? `; and ${issues.length - ISSUES_IN_MESSAGE} more` : '';
  const message = shown.length === 0 ? 'The event does not match its schema' : `${shown.join('; ')}${more}`;
  return { code: 'invalid_event', message, issues };
}

function describeIssue(issue: DeadLetterIssue): string {
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}
