import { EventflakeError } from '../errors.js';
import type { DeadLetterReason } from './dead-letter.js';

/**
 * `write` was called after `close`.
 *
 * @example
 * await sink.close();
 * await sink.write(batch); // rejects with SinkClosedError (ERR_SINK_CLOSED)
 */
export class SinkClosedError extends EventflakeError {
  constructor() {
    super('ERR_SINK_CLOSED', 'The sink is closed: create a new one to write more batches', {
      retriable: false,
    });
  }
}

/**
 * The sink hit a failure it cannot work around (the warehouse kept failing past its retries, or the
 * dead-letter queue refused a write) and stopped. Unacknowledged batches were not acked, so the source
 * redelivers them once restarted; the RAW insert being idempotent, nothing lands twice.
 *
 * @example
 * sink.on('error', (err) => { if (err instanceof SinkFailedError) restartConsumer(); });
 */
export class SinkFailedError extends EventflakeError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('ERR_SINK_FAILED', `The sink stopped: ${detail}. Unacknowledged batches will be redelivered`, {
      cause,
      // A restart (from the last acknowledged batch) is the way out, so callers may try again.
      retriable: true,
    });
  }
}

/**
 * `close({ deadlineMs })` ran out of time before every batch was acknowledged.
 *
 * @example
 * await sink.close({ deadlineMs: 10_000 }).catch((err) => console.error(err.unackedBatches));
 */
export class SinkCloseTimeoutError extends EventflakeError {
  readonly unackedBatches: number;
  readonly pendingEvents: number;

  constructor(deadlineMs: number, unackedBatches: number, pendingEvents: number) {
    super(
      'ERR_SINK_CLOSE_TIMEOUT',
      `The sink did not drain within ${deadlineMs} ms: ${unackedBatches} batches (${pendingEvents} events) not acknowledged; the source will redeliver them`,
      { retriable: true },
    );
    this.unackedBatches = unackedBatches;
    this.pendingEvents = pendingEvents;
  }
}

/**
 * The warehouse refused rows one by one while accepting none, or the RAW table itself no longer answers:
 * the fault is the table or the connection, not the rows, so they are kept out of the dead-letter queue.
 *
 * @example
 * // e.g. the RAW table was dropped: fix it, then restart; the batches are redelivered.
 */
export class WarehouseRejectedBatchError extends EventflakeError {
  constructor(rows: number, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      'ERR_WAREHOUSE_REJECTED_BATCH',
      `The warehouse rejected a batch of ${rows} rows and accepted none of them alone, so the fault looks table-wide: ${detail}`,
      { cause, retriable: false },
    );
  }
}

/**
 * The dead-letter queue failed to store letters; their batch stays unacknowledged.
 *
 * @example
 * sink.on('error', (err) => { if (err.cause instanceof DeadLetterWriteError) alertOps(err); });
 */
export class DeadLetterWriteError extends EventflakeError {
  constructor(count: number, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('ERR_DEAD_LETTER_WRITE', `Could not store ${count} dead letters: ${detail}`, {
      cause,
      retriable: true,
    });
  }
}

/**
 * A source's `ack()` rejected. The events are durable either way; the next ack covers this one
 * (a Kafka commit of a later offset includes the earlier ones), so the sink reports it and goes on.
 *
 * @example
 * sink.on('error', (err) => { if (err instanceof SourceAckError) metrics.ackFailures.inc(); });
 */
export class SourceAckError extends EventflakeError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('ERR_SOURCE_ACK', `The source failed to acknowledge a durable batch: ${detail}`, {
      cause,
      retriable: true,
    });
  }
}

/**
 * An invalid record met a sink with `errorTolerance: 'none'`. The message names the reason and where the
 * record came from (its lineage), never its content.
 *
 * @example
 * sink.on('error', (err) => { if (err.cause instanceof InvalidRecordError) console.error(err.cause.reason); });
 */
export class InvalidRecordError extends EventflakeError {
  readonly reason: DeadLetterReason;
  readonly lineage: Readonly<Record<string, unknown>>;

  constructor(reason: DeadLetterReason, lineage: Readonly<Record<string, unknown>>) {
    super(
      'ERR_INVALID_RECORD',
      `Invalid record (${describeReason(reason)}) at ${describeLineage(lineage)}; errorTolerance is 'none'`,
      { retriable: false },
    );
    this.reason = reason;
    this.lineage = lineage;
  }
}

function describeLineage(lineage: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(lineage)
    .filter(
      ([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint',
    )
    .map(([key, value]) => `${key}=${String(value).slice(0, 80)}`);
  return parts.length > 0 ? parts.join(' ') : 'an unknown position';
}

/** JSON.parse's message quotes the text it failed on: for that reason only the code goes in the message. */
function describeReason(reason: DeadLetterReason): string {
  return reason.code === 'invalid_json' ? reason.code : `${reason.code}: ${reason.message}`;
}
