import { readBoolean, readInt, readPositive, readString } from './options.js';

/** The part of a stream the display writes to. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Options of {@link ProgressDisplay}. */
export interface ProgressOptions {
  /** Where to draw. @default process.stderr */
  readonly stream?: ProgressStream;
  /** Expected total, for the percentage and the ETA. @default unknown (count and rate only) */
  readonly total?: number;
  /** Word before the figures. @default 'events' */
  readonly label?: string;
  /** Minimum milliseconds between redraws. @default 250 */
  readonly intervalMs?: number;
  /** Draw even when the stream is not a TTY (one plain line per redraw). @default false */
  readonly force?: boolean;
  /** Clock in milliseconds. @default performance.now */
  readonly now?: () => number;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A one-line progress display for long CLI runs: count, rate and ETA, redrawn at most every
 * `intervalMs`. Silent (and nearly free) when the stream is not a terminal, unless forced, so piped
 * output and CI logs stay clean.
 *
 * @example
 * const progress = new ProgressDisplay({ total: 100_000 });
 * for await (const event of generator.stream({ count: 100_000 })) { await send(event); progress.tick(); }
 * progress.finish();
 */
export class ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #total: number | undefined;
  readonly #label: string;
  readonly #intervalMs: number;
  readonly #enabled: boolean;
  readonly #tty: boolean;
  readonly #now: () => number;
  #count = 0;
  #drawnAt: number;
  #drawnCount = 0;
  #rate = 0;

  constructor(options: ProgressOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#total =
      options.total === undefined
        ? undefined
        : readInt('progress.total', options.total, 0, 0, Number.MAX_SAFE_INTEGER);
    this.#label = readString('progress.label', options.label, 'events');
    this.#intervalMs = readPositive('progress.intervalMs', options.intervalMs) ?? 250;
    this.#tty = this.#stream.isTTY === true;
    this.#enabled = this.#tty || readBoolean('progress.force', options.force, false);
    this.#now = options.now ?? (() => performance.now());
    this.#drawnAt = this.#now();
  }

  /** Items counted so far. */
  get count(): number {
    return this.#count;
  }

  /** Count `n` more items; redraws if the interval has passed. */
  tick(n = 1): void {
    this.#count += n;
    if (!this.#enabled) return;
    const now = this.#now();
    if (now - this.#drawnAt >= this.#intervalMs) this.#draw(now);
  }

  /** Final redraw, then end the line. */
  finish(): void {
    if (!this.#enabled) return;
    this.#draw(this.#now());
    if (this.#tty) this.#stream.write('\n');
  }

  /** The current line, e.g. `events 12,345/100,000 (12.3 %) · 4,567/s · ETA 0:19`. */
  render(): string {
    const total = this.#total;
    const parts = [
      `${this.#label} ${GROUPED.format(this.#count)}${total === undefined ? '' : `/${GROUPED.format(total)}`}`,
    ];
    if (total !== undefined && total > 0) parts[0] += ` (${((100 * this.#count) / total).toFixed(1)} %)`;
    parts.push(`${GROUPED.format(this.#rate)}/s`);
    if (total !== undefined && this.#rate > 0 && this.#count < total) {
      parts.push(`ETA ${clock((total - this.#count) / this.#rate)}`);
    }
    return parts.join(' · ');
  }

  #draw(now: number): void {
    const elapsed = now - this.#drawnAt;
    if (elapsed > 0) {
      const recent = ((this.#count - this.#drawnCount) * 1000) / elapsed;
      // Smooth the rate so the ETA does not jump with every burst.
      this.#rate = this.#drawnCount === 0 && this.#rate === 0 ? recent : 0.7 * this.#rate + 0.3 * recent;
    }
    this.#drawnAt = now;
    this.#drawnCount = this.#count;
    this.#stream.write(this.#tty ? `\r${this.render()}\u001b[K` : `${this.render()}\n`);
  }
}

/** Seconds as `m:ss` or `h:mm:ss`. */
function clock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
