import type { Registry } from 'prom-client';
import { ConfigError } from '../errors.js';
import type { RetryOptions } from '../retry/create-retry.js';
import { type QualifiedName, quoteQualified } from '../warehouse/identifier.js';
import { DEFAULT_RAW_TABLE } from '../warehouse/raw-layout.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { DeadLetterQueue } from './dead-letter.js';
import type { EventParser } from './event-parser.js';

/** The flush and concurrency defaults of {@link BatchSinkOptions}. */
export const SINK_DEFAULTS = {
  maxBatchEvents: 10_000,
  maxBatchBytes: 5_000_000,
  maxBatchAgeMs: 500,
  concurrency: 2,
} as const;

/** Options of {@link BatchSink}. */
export interface BatchSinkOptions {
  /** Where RAW lives. Only `insertRawEvents` (idempotent on EVENT_ID) and `execute` (a probe) are used. */
  readonly warehouse: Pick<Warehouse, 'insertRawEvents' | 'execute'>;
  /** Validates each event, e.g. `wineShopRegistry`. */
  readonly registry: EventParser;
  /** Where records that cannot land in RAW go, with their reason. Required: nothing is ever dropped. */
  readonly deadLetterQueue: DeadLetterQueue;
  /**
   * The RAW table.
   * @default { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' }
   */
  readonly table?: QualifiedName;
  /**
   * Flush once this many events are buffered.
   * @default 10000
   */
  readonly maxBatchEvents?: number;
  /**
   * Flush once the buffered record values reach this many bytes.
   * @default 5000000
   */
  readonly maxBatchBytes?: number;
  /**
   * Flush once the oldest buffered event is this old, even if nothing else arrives. With the default,
   * an event waits at most half a second in the buffer at low traffic, which keeps p99 produce→RAW
   * latency under a second (bench/kafka.bench.ts measures it at 1,000 events/s).
   * @default 500
   */
  readonly maxBatchAgeMs?: number;
  /**
   * Warehouse inserts in flight at once.
   * @default 2
   */
  readonly concurrency?: number;
  /**
   * `write` waits while this many events are held (buffered or in flight, not yet durable)…
   * @default maxBatchEvents × (concurrency + 2)
   */
  readonly highWaterEvents?: number;
  /**
   * …until they drop to this many.
   * @default highWaterEvents / 2
   */
  readonly lowWaterEvents?: number;
  /**
   * `write` waits while the held record values reach this many bytes… Memory in use is about two to
   * three times this: each event is held as received and as its RAW row.
   * @default maxBatchBytes × (concurrency + 2)
   */
  readonly highWaterBytes?: number;
  /**
   * …until they drop to this many.
   * @default highWaterBytes / 2
   */
  readonly lowWaterBytes?: number;
  /**
   * What an invalid record (not JSON, failing its schema, unknown type) does, after Kafka Connect's
   * `errors.tolerance`: `'all'` sends it to the dead-letter queue and goes on; `'none'` stops the sink at
   * the first one (nothing more is acked, so the source redelivers it after a restart).
   * @default 'all'
   */
  readonly errorTolerance?: 'all' | 'none';
  /**
   * Backoff for retriable warehouse and DLQ failures. Once retries run out the sink stops (no ack), and
   * the source redelivers after a restart.
   * @default { retries: 10, minDelayMs: 200, maxDelayMs: 30000, factor: 2, jitter: 0.2 }
   */
  readonly retry?: RetryOptions;
  /**
   * Prometheus registry for the `eventflake_*` metrics. None by default: the global registry is never used.
   * @default undefined
   */
  readonly metricsRegistry?: Registry;
  /**
   * Clock for dead letters' `failedAt`.
   * @default () => new Date()
   */
  readonly now?: () => Date;
}

export interface ResolvedSinkOptions {
  readonly table: QualifiedName;
  readonly maxBatchEvents: number;
  readonly maxBatchBytes: number;
  readonly maxBatchAgeMs: number;
  readonly concurrency: number;
  readonly highWaterEvents: number;
  readonly lowWaterEvents: number;
  readonly highWaterBytes: number;
  readonly lowWaterBytes: number;
  readonly errorTolerance: 'all' | 'none';
}

/**
 * Spread the defaults, then check every field, throwing ConfigError naming the first bad one.
 *
 * @example
 * resolveSinkOptions({ ...required, maxBatchEvents: 0 }); // throws: Expected `maxBatchEvents` to be a whole number from 1 and up, got `0` (number)
 */
export function resolveSinkOptions(options: BatchSinkOptions): ResolvedSinkOptions {
  requireMethod(options.warehouse, 'warehouse', 'insertRawEvents');
  requireMethod(options.warehouse, 'warehouse', 'execute');
  requireMethod(options.registry, 'registry', 'parse');
  requireMethod(options.deadLetterQueue, 'deadLetterQueue', 'write');
  const table = options.table ?? DEFAULT_RAW_TABLE;
  try {
    quoteQualified(table);
  } catch {
    throw new ConfigError('table', 'a { schema, name } of safe SQL identifiers', describeTable(table));
  }
  const maxBatchEvents = wholeNumber(
    'maxBatchEvents',
    options.maxBatchEvents ?? SINK_DEFAULTS.maxBatchEvents,
    1,
  );
  const maxBatchBytes = wholeNumber('maxBatchBytes', options.maxBatchBytes ?? SINK_DEFAULTS.maxBatchBytes, 1);
  const maxBatchAgeMs = wholeNumber('maxBatchAgeMs', options.maxBatchAgeMs ?? SINK_DEFAULTS.maxBatchAgeMs, 1);
  const concurrency = wholeNumber('concurrency', options.concurrency ?? SINK_DEFAULTS.concurrency, 1);
  const errorTolerance = options.errorTolerance ?? 'all';
  if (errorTolerance !== 'all' && errorTolerance !== 'none') {
    throw new ConfigError(
      'errorTolerance',
      "'all' (dead-letter invalid records) or 'none' (stop)",
      errorTolerance,
    );
  }
  const defaultHigh = concurrency + 2;
  const [highWaterEvents, lowWaterEvents] = waterMarks(
    'Events',
    options.highWaterEvents ?? maxBatchEvents * defaultHigh,
    options.lowWaterEvents,
  );
  const [highWaterBytes, lowWaterBytes] = waterMarks(
    'Bytes',
    options.highWaterBytes ?? maxBatchBytes * defaultHigh,
    options.lowWaterBytes,
  );
  return {
    table,
    maxBatchEvents,
    maxBatchBytes,
    maxBatchAgeMs,
    concurrency,
    highWaterEvents,
    lowWaterEvents,
    highWaterBytes,
    lowWaterBytes,
    errorTolerance,
  };
}

/** A high-water mark and its low-water mark, by default half of it and always below it. */
function waterMarks(unit: 'Events' | 'Bytes', high: unknown, low: unknown): [number, number] {
  const highWater = wholeNumber(`highWater${unit}`, high, 1);
  return [highWater, wholeNumber(`lowWater${unit}`, low ?? Math.floor(highWater / 2), 0, highWater - 1)];
}

function wholeNumber(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `from ${min} and up` : `from ${min} to ${max}`;
    throw new ConfigError(field, `a whole number ${range}`, value);
  }
  return value;
}

function requireMethod(target: unknown, field: string, method: string): void {
  const value = (target as Record<string, unknown> | null | undefined)?.[method];
  if (typeof value !== 'function') {
    throw new ConfigError(field, `an object with a \`${method}\` method`, target);
  }
}

function describeTable(table: QualifiedName): string {
  return [table.database, table.schema, table.name].filter((part) => part !== undefined).join('.');
}
