import type { EventflakeError } from '../errors.js';
import type { BatchTicket } from './ack-sequencer.js';
import type { DeadLetterCode } from './dead-letter.js';

/** One warehouse flush made durable. */
export interface FlushInfo {
  /** Events sent, after in-sink duplicates were dropped. */
  readonly events: number;
  readonly bytes: number;
  /** Rows the warehouse added, and rows it skipped because their EVENT_ID was already in RAW. */
  readonly inserted: number;
  readonly skipped: number;
  /** Rows the warehouse refused alone, sent to the dead-letter queue. */
  readonly rejected: number;
  /** Warehouse insert calls, retries excluded: 1 unless bisection ran. */
  readonly calls: number;
  readonly durationMs: number;
}

export interface RetryEventInfo {
  readonly operation: 'insert' | 'dead_letter';
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface DeadLetterInfo {
  readonly count: number;
  readonly reasons: Readonly<Partial<Record<DeadLetterCode, number>>>;
}

export interface PressureInfo {
  /** True when writes now wait (above the high-water mark), false once drained below the low-water mark. */
  readonly active: boolean;
  readonly events: number;
  readonly bytes: number;
}

/**
 * Instrumentation events of {@link BatchSink}. Payloads are built only when someone listens, and a
 * throwing listener never disturbs the sink. They carry counts and error objects, never event contents.
 *
 * @example
 * sink.on('flush', (info) => log.debug(info, 'flushed'));
 * sink.on('error', (err) => log.error({ code: err.code }, err.message));
 */
export interface SinkEvents {
  flush: (info: FlushInfo) => void;
  retry: (info: RetryEventInfo) => void;
  dead_letter: (info: DeadLetterInfo) => void;
  ack: (ticket: BatchTicket) => void;
  pressure: (info: PressureInfo) => void;
  /** A failure: SinkFailedError (the sink stopped) or SourceAckError (it goes on). */
  error: (error: EventflakeError) => void;
}

export type SinkEventName = keyof SinkEvents;
