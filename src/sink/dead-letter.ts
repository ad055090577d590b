/**
 * Why a record went to the dead-letter queue rather than RAW:
 * - `invalid_encoding`: the bytes are not UTF-8 text;
 * - `invalid_json`: the text is not JSON;
 * - `unknown_event_type`: valid JSON whose `event_type` no definition in the registry handles;
 * - `invalid_event`: a known type whose fields break its schema (see `issues`);
 * - `warehouse_rejected`: the warehouse refused this one row while it accepted its neighbours.
 */
export type DeadLetterCode =
  | 'invalid_encoding'
  | 'invalid_json'
  | 'unknown_event_type'
  | 'invalid_event'
  | 'warehouse_rejected';

/** One schema problem, located by its path in the event (e.g. `['event_data', 'quantity']`). */
export interface DeadLetterIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

export interface DeadLetterReason {
  readonly code: DeadLetterCode;
  readonly message: string;
  readonly issues?: readonly DeadLetterIssue[];
}

/** A record the sink could not land in RAW, kept with everything needed to fix and replay it. */
export interface DeadLetter {
  /** The record exactly as received: its text, or base64 of its bytes when they are not UTF-8. */
  readonly value: string;
  readonly valueEncoding: 'utf8' | 'base64';
  readonly reason: DeadLetterReason;
  /** The source's lineage (topic/partition/offset, file/line) so the record can be found again. */
  readonly lineage: Readonly<Record<string, unknown>>;
  /** When the sink gave up on the record, ISO 8601 UTC. */
  readonly failedAt: string;
  /** Known when the record parsed far enough to have them. */
  readonly eventId?: string;
  readonly eventType?: string;
}

/**
 * Where dead letters go. `write` must resolve only once the letters are durable: the sink acknowledges
 * the source batch right after, and a rejected write keeps the batch unacknowledged.
 *
 * @example
 * class KafkaDeadLetterQueue implements DeadLetterQueue {
 *   async write(letters) { await producer.send({ topic: 'sales_events.dlq', acks: -1, messages: letters.map(toMessage) }); }
 * }
 */
export interface DeadLetterQueue {
  write(letters: readonly DeadLetter[]): Promise<void>;
}
