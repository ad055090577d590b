import type { RawEventRow } from '../warehouse/raw-layout.js';
import type { Ticket } from './ack-sequencer.js';
import type { DeadLetter } from './dead-letter.js';
import { deadLetter, originalValue } from './decode-record.js';

/** A record admitted into the sink and not yet durable. */
export interface Held {
  readonly ticket: Ticket;
  readonly bytes: number;
  /** The EVENT_ID it holds in the pending set, released once it is durable. */
  readonly pendingId?: string;
}

/** A valid record waiting, as its RAW row, for a flush. */
export interface BufferedRow extends Held {
  readonly row: RawEventRow;
  /**
   * The record as received, kept for a dead letter should the warehouse refuse the row. Bytes are a
   * copy: a Kafka value is a view into kafkajs' whole fetch buffer, which would stay alive, unseen by
   * the byte high-water mark, for as long as one of its records waits here. Not the decoded text: a
   * string lives in the JavaScript heap (two bytes a character once one is outside Latin-1, as an emoji
   * is), and every row that waits for the warehouse is promoted to the old generation, whose garbage
   * then sets how far RSS climbs between full collections (1 KB events with an emoji: 4.5 KB of heap a
   * row with the text, 2.5 KB plus the 1 KB copy without).
   */
  readonly original: string | Uint8Array;
  readonly lineage: Readonly<Record<string, unknown>>;
  readonly admittedAt: number;
}

/** A record on its way to the dead-letter queue. */
export interface HeldLetter extends Held {
  readonly letter: DeadLetter;
}

/**
 * The dead letter of a row the warehouse refused on its own, keeping its hold on the EVENT_ID until stored.
 *
 * @example
 * const letters = result.rejected.map(({ item, error }) => refusedLetter(item, error, new Date()));
 */
export function refusedLetter(item: BufferedRow, error: unknown, now: Date): HeldLetter {
  const message = error instanceof Error ? error.message : String(error);
  const reason = { code: 'warehouse_rejected', message } as const;
  const ids = { eventId: item.row.eventId, eventType: item.row.eventType };
  const { value, encoding } = originalValue(item.original);
  const letter = deadLetter(value, encoding, reason, item.lineage, now, ids);
  return { ticket: item.ticket, bytes: item.bytes, pendingId: item.pendingId, letter };
}
