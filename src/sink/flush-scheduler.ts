import PQueue from 'p-queue';
import { type BatchLimits, type BufferedItem, RowBuffer } from './row-buffer.js';

/** What the scheduler needs from its sink. */
export interface FlushSchedulerParts<T extends BufferedItem> {
  readonly limits: BatchLimits & { readonly concurrency: number };
  /** Writes one cut batch; the scheduler starts the next when a slot frees. Must not reject. */
  readonly flush: (chunk: T[]) => Promise<void>;
  /** True while a partial batch must go now (the sink is under pressure): waiting to fill would wait on itself. */
  readonly urgent: () => boolean;
  /** True once the sink stopped: nothing more is flushed. */
  readonly halted: () => boolean;
}

/**
 * When the sink's buffered rows go to the warehouse: a batch is cut once it is due (full by count or bytes,
 * old enough, urgent, or asked for) and a write slot is free, and an age timer is kept armed for the oldest
 * row. The sink decides what a flush does; this decides when.
 *
 * @example
 * const scheduler = new FlushScheduler({ limits, flush: (chunk) => write(chunk), urgent: () => false, halted: () => false });
 * scheduler.push(row);
 * scheduler.pump();
 */
export class FlushScheduler<T extends BufferedItem> {
  readonly #buffer: RowBuffer<T>;
  readonly #queue: PQueue;
  readonly #parts: FlushSchedulerParts<T>;
  #ageTimer: ReturnType<typeof setTimeout> | undefined;
  /** Callers of flush() still waiting: while any are, every buffered row is flushed at once. */
  #flushRequests = 0;

  constructor(parts: FlushSchedulerParts<T>) {
    this.#parts = parts;
    this.#buffer = new RowBuffer(parts.limits);
    this.#queue = new PQueue({ concurrency: parts.limits.concurrency });
    // 'next' fires once a finished flush has freed its slot: the moment to start the next one.
    this.#queue.on('next', () => this.pump());
  }

  push(row: T): void {
    this.#buffer.push(row);
  }

  /** Flush everything buffered until the returned function is called, however small the batch. */
  requestFlush(): () => void {
    this.#flushRequests += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#flushRequests -= 1;
    };
  }

  /** Start flushes while a slot is free and the buffer is due, and keep the age timer armed. */
  pump(): void {
    if (this.#parts.halted()) return;
    // One reading of the clock for both decisions: read twice, a tick in between could find the head
    // not yet due, then no time left to wait, and arm no timer; with no flush running to pump again,
    // the last rows of a stream would wait for ever (3 Kafka bench runs in ~110 stalled so).
    const now = Date.now();
    const { concurrency } = this.#parts.limits;
    while (this.#queue.pending + this.#queue.size < concurrency && this.#isDue(now)) {
      const chunk = this.#buffer.cut();
      void this.#queue.add(() => this.#parts.flush(chunk));
    }
    this.#armAgeTimer(now);
  }

  /** Nothing more will be flushed: forget the buffered rows and the timer. */
  stop(): void {
    this.clearTimer();
    this.#buffer.clear();
  }

  clearTimer(): void {
    clearTimeout(this.#ageTimer);
    this.#ageTimer = undefined;
  }

  #isDue(now: number): boolean {
    return this.#buffer.isDue(now, this.#parts.urgent() || this.#flushRequests > 0);
  }

  #armAgeTimer(now: number): void {
    const remaining = this.#buffer.msUntilDue(now);
    if (remaining === undefined) {
      this.clearTimer();
      return;
    }
    if (this.#ageTimer !== undefined) return;
    // An overdue head after the pump's loop means no slot was free: the end of the running flush pumps again.
    if (remaining <= 0) return;
    this.#ageTimer = setTimeout(() => {
      this.#ageTimer = undefined;
      this.pump();
    }, remaining);
  }
}
