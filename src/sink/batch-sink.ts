import { EventEmitter } from 'eventemitter3';
import { createRetry, type RetryFunction } from '../retry/create-retry.js';
import { AckSequencer, type Ticket } from './ack-sequencer.js';
import { decodeRecord } from './decode-record.js';
import {
  InvalidRecordError,
  SinkClosedError,
  SinkCloseTimeoutError,
  SinkFailedError,
  SourceAckError,
} from './errors.js';
import type { EventParser } from './event-parser.js';
import { FlushScheduler } from './flush-scheduler.js';
import { type BufferedRow, type Held, type HeldLetter, refusedLetter } from './held-record.js';
import { HoldGauge } from './hold-gauge.js';
import { LetterWriter } from './letter-writer.js';
import { RawChunkWriter } from './raw-chunk-writer.js';
import type { SinkEventName, SinkEvents } from './sink-events.js';
import { SinkMetrics } from './sink-metrics.js';
import { type BatchSinkOptions, type ResolvedSinkOptions, resolveSinkOptions } from './sink-options.js';
import type { BatchWriter, SourceBatch } from './source.js';

/** Options of {@link BatchSink.close}. */
export interface CloseOptions {
  /**
   * How long to wait for everything written to be acknowledged before rejecting.
   * @default 30000
   */
  readonly deadlineMs?: number;
}

/**
 * Turns source batches into RAW rows: validates each record against the registry, buffers rows and
 * flushes them to the warehouse on count, bytes or age, and acknowledges each source batch — in write
 * order — once all its records are durable in RAW or in the dead-letter queue.
 *
 * - Never loses an event: a batch is acked only when durable; retries that run out or a failing DLQ stop
 *   the sink without acking, and the source redelivers.
 * - Never writes one twice: duplicates among pending events are dropped here, and the warehouse insert
 *   skips EVENT_IDs already in RAW, so redelivery is harmless.
 * - Bounded memory: `write` waits while held events or bytes are above the high-water mark.
 * - A row the warehouse refuses is isolated by bisection and dead-lettered; its neighbours land.
 *
 * @example
 * const sink = new BatchSink({
 *   warehouse: await DuckDbWarehouse.open({ path: 'caves.duckdb' }),
 *   registry: wineShopRegistry,
 *   deadLetterQueue: new JsonlFileDeadLetterQueue({ path: 'dead-letters.jsonl' }),
 *   metricsRegistry: new Registry(),
 * });
 * sink.on('error', (err) => log.error({ code: err.code }, err.message));
 * await new InProcessSource(events).run(sink);
 * await sink.close({ deadlineMs: 30_000 });
 */
export class BatchSink extends EventEmitter<SinkEvents> implements BatchWriter {
  readonly #options: ResolvedSinkOptions;
  readonly #registry: EventParser;
  readonly #now: () => Date;
  readonly #metrics: SinkMetrics;
  readonly #letters: LetterWriter;
  readonly #chunkWriter: RawChunkWriter;
  readonly #acks: AckSequencer;
  readonly #scheduler: FlushScheduler<BufferedRow>;
  readonly #held: HoldGauge;
  /** EVENT_IDs of held rows: a second arrival while the first is pending is a duplicate. */
  readonly #pendingIds = new Set<string>();
  #failure: SinkFailedError | undefined;
  #closing: Promise<void> | undefined;
  /** Resolves when the latest write has admitted all its records: writes are admitted in call order. */
  #admission: Promise<void> = Promise.resolve();

  constructor(options: BatchSinkOptions) {
    super();
    this.#options = resolveSinkOptions(options);
    this.#registry = options.registry;
    this.#now = options.now ?? (() => new Date());
    this.#metrics = new SinkMetrics(options.metricsRegistry);
    this.#letters = new LetterWriter({
      queue: options.deadLetterQueue,
      retry: this.#createRetry(options, 'dead_letter'),
      metrics: this.#metrics,
      onWritten: (info) => this.#emit('dead_letter', () => info),
    });
    this.#chunkWriter = new RawChunkWriter({
      warehouse: options.warehouse,
      table: this.#options.table,
      retry: this.#createRetry(options, 'insert'),
    });
    this.#held = new HoldGauge(this.#options, (active) =>
      this.#emit('pressure', () => ({ active, events: this.#held.events, bytes: this.#held.bytes })),
    );
    this.#scheduler = new FlushScheduler({
      limits: this.#options,
      flush: (chunk) => this.#flushChunk(chunk),
      urgent: () => this.#held.pressure,
      halted: () => this.#failure !== undefined,
    });
    this.#acks = new AckSequencer({
      onAcked: ({ sequence, records }) => this.#emit('ack', () => ({ sequence, records })),
      onAckError: (error) => this.#emit('error', () => new SourceAckError(error)),
    });
  }

  /** True while `write` waits for held events or bytes to drop below the low-water mark. */
  get pressure(): boolean {
    return this.#held.pressure;
  }

  /** Events and bytes held (buffered, in flight or on their way to the DLQ), and batches not yet acked. */
  get pending(): { readonly events: number; readonly bytes: number; readonly batches: number } {
    return { events: this.#held.events, bytes: this.#held.bytes, batches: this.#acks.unacked };
  }

  /**
   * Accept a batch. Resolves once every record is admitted, waiting while the sink is above its
   * high-water mark; the batch is acked later, once durable. Rejects if the sink is closed or failed.
   *
   * @example
   * await sink.write({ records: [{ value: json, lineage: { line: 1 } }], ack: async () => {} });
   */
  async write(batch: SourceBatch): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (this.#closing) throw new SinkClosedError();
    const ticket = this.#acks.open(batch);
    const previous = this.#admission;
    let admitted = () => {};
    this.#admission = new Promise((resolve) => {
      admitted = resolve;
    });
    try {
      await previous;
      await this.#admit(batch, ticket);
    } catch (error) {
      // Part of the batch may be admitted: acking it would lose the rest, so nothing is acked any more.
      this.#fail(error);
      throw this.#failure ?? error;
    } finally {
      this.#acks.seal(ticket);
      admitted();
    }
    if (this.#failure) throw this.#failure;
    this.#scheduler.pump();
  }

  async #admit(batch: SourceBatch, ticket: Ticket): Promise<void> {
    let letters: HeldLetter[] = [];
    for (const record of batch.records) {
      if (this.#held.pressure) {
        // Letters counted as held must be on their way out before waiting for the count to drop.
        void this.#writeDeadLetters(letters);
        letters = [];
        this.#scheduler.pump();
        await this.onDrained();
      } else if (this.#failure) {
        throw this.#failure;
      }
      const decoded = decodeRecord(record, this.#registry, this.#now);
      this.#metrics.consumed(decoded.bytes);
      this.#acks.admit(ticket);
      if (decoded.kind === 'dead') {
        if (this.#options.errorTolerance === 'none') {
          throw new InvalidRecordError(decoded.letter.reason, decoded.letter.lineage);
        }
        letters.push({ ticket, bytes: decoded.bytes, letter: decoded.letter });
        this.#hold(decoded.bytes);
      } else if (this.#pendingIds.has(decoded.row.eventId)) {
        // Its twin was admitted earlier, in this batch or one that acks before it: this copy adds nothing.
        this.#metrics.duplicateInSink();
        this.#acks.settle(ticket);
      } else {
        this.#pendingIds.add(decoded.row.eventId);
        const { row, bytes } = decoded;
        const pendingId = row.eventId;
        this.#scheduler.push({
          ticket,
          bytes,
          pendingId,
          row,
          original: typeof record.value === 'string' ? record.value : Buffer.from(record.value),
          lineage: record.lineage,
          admittedAt: Date.now(),
        });
        this.#hold(bytes);
      }
    }
    void this.#writeDeadLetters(letters);
  }

  /**
   * Flush everything buffered now, and resolve once every batch written so far is acknowledged.
   * Rejects with the sink's failure if it stops first.
   *
   * @example
   * await sink.flush(); // all batches written before this line are durable and acked
   */
  async flush(): Promise<void> {
    if (this.#failure) throw this.#failure;
    const release = this.#scheduler.requestFlush();
    try {
      this.#scheduler.pump();
      await this.#acks.whenAllAcked();
    } finally {
      release();
    }
  }

  /**
   * Resolves once the sink is not under pressure (at once if it is not); a source pauses until then.
   *
   * @example
   * sink.on('pressure', ({ active }) => { if (active) consumer.pause(topics); });
   * await sink.onDrained(); consumer.resume(topics);
   */
  onDrained(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#held.whenDrained();
  }

  /**
   * Stop accepting writes, flush everything and wait for every ack. Rejects with
   * {@link SinkCloseTimeoutError} after `deadlineMs` (unacked batches are redelivered by the source),
   * or with the sink's failure. Calling it again returns the same promise.
   *
   * @example
   * process.once('SIGTERM', () => sink.close({ deadlineMs: 10_000 }).finally(() => process.exit()));
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closing ??= this.#close(options.deadlineMs ?? 30_000);
    return this.#closing;
  }

  async #close(deadlineMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new SinkCloseTimeoutError(deadlineMs, this.#acks.unacked, this.#held.events);
        // Acks arriving after close has given up would commit behind the caller's back.
        this.#acks.fail(error);
        this.#stop(error);
        reject(error);
      }, deadlineMs);
    });
    try {
      await Promise.race([this.flush(), deadline]);
    } finally {
      clearTimeout(timer);
      this.#scheduler.clearTimer();
    }
  }

  #hold(bytes: number): void {
    this.#held.hold(bytes);
    this.#metrics.buffered(this.#held.events, this.#held.bytes);
  }

  /** These records are durable: forget them and let their batches move towards their acks. */
  #settle(records: readonly Held[]): void {
    for (const record of records) {
      if (record.pendingId !== undefined) this.#pendingIds.delete(record.pendingId);
      this.#held.release(record.bytes);
      this.#acks.settle(record.ticket);
    }
    this.#held.settled();
    this.#metrics.buffered(this.#held.events, this.#held.bytes);
  }

  async #flushChunk(chunk: readonly BufferedRow[]): Promise<void> {
    const started = performance.now();
    try {
      const { result, landed } = await this.#chunkWriter.write(chunk);
      const seconds = (performance.now() - started) / 1000;
      this.#metrics.flushed(chunk.length, result.inserted, result.skipped, seconds);
      this.#emit('flush', () => ({
        events: chunk.length,
        bytes: chunk.reduce((sum, row) => sum + row.bytes, 0),
        inserted: result.inserted,
        skipped: result.skipped,
        rejected: result.rejected.length,
        calls: result.calls,
        durationMs: seconds * 1000,
      }));
      this.#settle(landed);
      const now = this.#now();
      await this.#writeDeadLetters(result.rejected.map(({ item, error }) => refusedLetter(item, error, now)));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Never rejects: a failure stops the sink instead, leaving the letters' batches unacknowledged. */
  async #writeDeadLetters(held: readonly HeldLetter[]): Promise<void> {
    if (held.length === 0) return;
    try {
      await this.#letters.write(held.map((h) => h.letter));
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#settle(held);
  }

  #fail(error: unknown): void {
    if (this.#failure) return;
    const failure = error instanceof SinkFailedError ? error : new SinkFailedError(error);
    this.#failure = failure;
    this.#acks.fail(failure);
    this.#stop(failure);
    this.#emit('error', () => failure);
  }

  /** Nothing more will be flushed or acked: let go of buffered rows and of writers waiting for room. */
  #stop(error: unknown): void {
    this.#scheduler.stop();
    this.#held.rejectWaiters(error);
  }

  #createRetry(options: BatchSinkOptions, operation: 'insert' | 'dead_letter'): RetryFunction {
    return createRetry({
      ...options.retry,
      onRetry: (info) => {
        this.#metrics.retried(operation);
        this.#emit('retry', () => ({ operation, ...info }));
        options.retry?.onRetry?.(info);
      },
    });
  }

  #emit<K extends SinkEventName>(name: K, payload: () => Parameters<SinkEvents[K]>[0]): void {
    if (this.listenerCount(name) === 0) return;
    try {
      // eventemitter3 cannot relate a generic K to its argument list; every sink event takes one argument.
      (this.emit as (event: K, arg: Parameters<SinkEvents[K]>[0]) => boolean)(name, payload());
    } catch {
      // A listener's failure is its own: the sink must go on, and the library writes no logs.
    }
  }
}
