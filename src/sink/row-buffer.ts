/** What the buffer needs of a row: its size, and when it was admitted (`Date.now()`). */
export interface BufferedItem {
  readonly bytes: number;
  readonly admittedAt: number;
}

/** When a batch is due, as the sink's options say. */
export interface BatchLimits {
  readonly maxBatchEvents: number;
  readonly maxBatchBytes: number;
  readonly maxBatchAgeMs: number;
}

/**
 * The rows waiting for a flush, oldest first, with their byte total: says when a batch is due and cuts
 * it within the count and byte limits. Time is passed in, so one reading of the clock serves every
 * decision of one pump.
 *
 * @example
 * const buffer = new RowBuffer({ maxBatchEvents: 2, maxBatchBytes: 1_000, maxBatchAgeMs: 500 });
 * buffer.push({ bytes: 10, admittedAt: 0 });
 * buffer.isDue(100, false); // => false, until 500 ms after admission
 * buffer.msUntilDue(100); // => 400
 */
export class RowBuffer<T extends BufferedItem> {
  readonly #limits: BatchLimits;
  #rows: T[] = [];
  #bytes = 0;

  constructor(limits: BatchLimits) {
    this.#limits = limits;
  }

  push(row: T): void {
    this.#rows.push(row);
    this.#bytes += row.bytes;
  }

  /** Due when full by count or bytes, when the oldest row reached the age limit, or when `force`d. */
  isDue(now: number, force: boolean): boolean {
    const head = this.#rows[0];
    if (head === undefined) return false;
    const { maxBatchEvents, maxBatchBytes, maxBatchAgeMs } = this.#limits;
    return (
      force ||
      this.#rows.length >= maxBatchEvents ||
      this.#bytes >= maxBatchBytes ||
      now - head.admittedAt >= maxBatchAgeMs
    );
  }

  /** Milliseconds until the oldest row is due by age (0 or less: overdue), or `undefined` when empty. */
  msUntilDue(now: number): number | undefined {
    const head = this.#rows[0];
    return head === undefined ? undefined : head.admittedAt + this.#limits.maxBatchAgeMs - now;
  }

  /** Take the oldest rows, up to one batch by count and by bytes (at least one row). */
  cut(): T[] {
    const { maxBatchEvents, maxBatchBytes } = this.#limits;
    let count = 0;
    let bytes = 0;
    for (const row of this.#rows) {
      if (count === maxBatchEvents || (count > 0 && bytes + row.bytes > maxBatchBytes)) break;
      count += 1;
      bytes += row.bytes;
    }
    this.#bytes -= bytes;
    return this.#rows.splice(0, count);
  }

  clear(): void {
    this.#rows = [];
    this.#bytes = 0;
  }
}
