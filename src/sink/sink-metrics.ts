import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeadLetterCode } from './dead-letter.js';

/** Where a duplicate EVENT_ID was caught: in the sink before the warehouse call, or by the warehouse. */
export type DuplicateStage = 'sink' | 'warehouse';

/**
 * The sink's Prometheus metrics (seed 003's consumer metrics, renamed `eventflake_*`), registered on the
 * registry the user passes — never prom-client's global one, so two libraries cannot clash. Without a
 * registry every method is a no-op. Two sinks given one registry share the series.
 *
 * @example
 * const registry = new Registry();
 * const sink = new BatchSink({ ..., metricsRegistry: registry });
 * http.createServer(async (_, res) => res.end(await registry.metrics())).listen(9464, '127.0.0.1');
 */
export class SinkMetrics {
  readonly #consumed?: Counter;
  readonly #inserted?: Counter;
  readonly #duplicates?: Counter<'stage'>;
  readonly #deadLettered?: Counter<'reason'>;
  readonly #retries?: Counter<'operation'>;
  readonly #batchSize?: Histogram;
  readonly #flushDuration?: Histogram;
  readonly #eventSize?: Histogram;
  readonly #bufferedEvents?: Gauge;
  readonly #bufferedBytes?: Gauge;

  constructor(registry: Registry | undefined) {
    if (registry === undefined) return;
    const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      reuse(registry, name, Counter) ?? new Counter<L>({ name, help, labelNames, registers: [registry] });
    const histogram = (name: string, help: string, buckets: number[]) =>
      reuse(registry, name, Histogram) ?? new Histogram({ name, help, buckets, registers: [registry] });
    const gauge = (name: string, help: string) =>
      reuse(registry, name, Gauge) ?? new Gauge({ name, help, registers: [registry] });

    this.#consumed = counter('eventflake_events_consumed_total', 'Records received from sources');
    this.#inserted = counter('eventflake_events_inserted_total', 'Events added to RAW');
    this.#duplicates = counter(
      'eventflake_events_skipped_duplicate_total',
      'Events not added to RAW because their EVENT_ID was already pending or stored',
      ['stage'],
    );
    this.#deadLettered = counter('eventflake_events_dlq_total', 'Records written to the dead-letter queue', [
      'reason',
    ]);
    this.#retries = counter('eventflake_retries_total', 'Retries of warehouse and DLQ writes', ['operation']);
    this.#batchSize = histogram(
      'eventflake_batch_size',
      'Events per warehouse flush',
      [1, 10, 100, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000],
    );
    this.#flushDuration = histogram(
      'eventflake_flush_duration_seconds',
      'Time to make one flush durable in RAW, retries and bisection included',
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    );
    this.#eventSize = histogram(
      'eventflake_event_size_bytes',
      'Size of each record value as received',
      [128, 256, 512, 1_024, 2_048, 4_096, 8_192, 16_384, 65_536, 262_144, 1_048_576],
    );
    this.#bufferedEvents = gauge('eventflake_buffered_events', 'Events held by the sink, not yet durable');
    this.#bufferedBytes = gauge('eventflake_buffered_bytes', 'Bytes held by the sink, not yet durable');
  }

  consumed(bytes: number): void {
    this.#consumed?.inc();
    this.#eventSize?.observe(bytes);
  }

  flushed(events: number, inserted: number, skipped: number, seconds: number): void {
    this.#batchSize?.observe(events);
    this.#flushDuration?.observe(seconds);
    this.#inserted?.inc(inserted);
    if (skipped > 0) this.#duplicates?.inc({ stage: 'warehouse' }, skipped);
  }

  duplicateInSink(): void {
    this.#duplicates?.inc({ stage: 'sink' });
  }

  deadLettered(reason: DeadLetterCode, count = 1): void {
    this.#deadLettered?.inc({ reason }, count);
  }

  retried(operation: 'insert' | 'dead_letter'): void {
    this.#retries?.inc({ operation });
  }

  buffered(events: number, bytes: number): void {
    this.#bufferedEvents?.set(events);
    this.#bufferedBytes?.set(bytes);
  }
}

function reuse<M>(
  registry: Registry,
  name: string,
  kind: abstract new (...args: never[]) => M,
): M | undefined {
  const existing = registry.getSingleMetric(name);
  return existing instanceof kind ? existing : undefined;
}
