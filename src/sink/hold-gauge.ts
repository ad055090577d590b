/** The sink's water marks, in events and in bytes. */
export interface WaterMarks {
  readonly highWaterEvents: number;
  readonly highWaterBytes: number;
  readonly lowWaterEvents: number;
  readonly lowWaterBytes: number;
}

/**
 * Counts what the sink holds (admitted, not yet durable) and turns pressure on at a high-water mark and
 * off below the low-water mark, with the writers waiting for it to drop. The gap between the marks keeps
 * a source from pausing and resuming on every event.
 *
 * @example
 * const gauge = new HoldGauge(marks, (active) => emit('pressure', { active }));
 * gauge.hold(1_024);
 * await gauge.whenDrained();
 */
export class HoldGauge {
  readonly #marks: WaterMarks;
  readonly #onPressure: (active: boolean) => void;
  #events = 0;
  #bytes = 0;
  #pressure = false;
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(marks: WaterMarks, onPressure: (active: boolean) => void) {
    this.#marks = marks;
    this.#onPressure = onPressure;
  }

  get events(): number {
    return this.#events;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get pressure(): boolean {
    return this.#pressure;
  }

  hold(bytes: number): void {
    this.#events += 1;
    this.#bytes += bytes;
    const { highWaterEvents, highWaterBytes } = this.#marks;
    if (!this.#pressure && (this.#events >= highWaterEvents || this.#bytes >= highWaterBytes)) {
      this.#setPressure(true);
    }
  }

  /** These records are durable; call {@link settled} once after a run of them. */
  release(bytes: number): void {
    this.#events -= 1;
    this.#bytes -= bytes;
  }

  /** Ends pressure once both counts are at or below the low-water marks. */
  settled(): void {
    const { lowWaterEvents, lowWaterBytes } = this.#marks;
    if (this.#pressure && this.#events <= lowWaterEvents && this.#bytes <= lowWaterBytes) {
      this.#setPressure(false);
    }
  }

  /** Resolves once there is no pressure (at once if there is none). */
  whenDrained(): Promise<void> {
    if (!this.#pressure) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Nothing will drain any more: every waiting writer gets `error`. */
  rejectWaiters(error: unknown): void {
    for (const waiter of this.#takeWaiters()) waiter.reject(error);
  }

  #setPressure(active: boolean): void {
    this.#pressure = active;
    this.#onPressure(active);
    if (!active) for (const waiter of this.#takeWaiters()) waiter.resolve();
  }

  #takeWaiters() {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }
}
