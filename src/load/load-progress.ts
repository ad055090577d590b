import type { ProgressStream } from '../generate/progress.js';

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * One progress line for a load: files, lines, line rate and an ETA from the bytes read so far (the total
 * number of lines is unknown until the end; the file sizes are known). Redrawn at most every 250 ms, and
 * only on a terminal unless forced.
 *
 * @example
 * const progress = new LoadProgress(process.stderr, 2, 10_485_760, false);
 */
export class LoadProgress {
  readonly #stream: ProgressStream;
  readonly #enabled: boolean;
  readonly #files: number;
  readonly #totalBytes: number;
  readonly #startedAt = performance.now();
  #drawnAt = 0;
  #file = 0;
  #lines = 0;
  #bytes = 0;

  constructor(stream: ProgressStream, files: number, totalBytes: number, force: boolean) {
    this.#stream = stream;
    this.#enabled = stream.isTTY === true || force;
    this.#files = files;
    this.#totalBytes = totalBytes;
  }

  startFile(): void {
    this.#file++;
    this.#draw(false);
  }

  lines(n = 1): void {
    this.#lines += n;
    if ((this.#lines & 1023) === 0) this.#draw(false);
  }

  bytes(n: number): void {
    this.#bytes += n;
  }

  finish(): void {
    this.#draw(true);
    if (this.#enabled && this.#stream.isTTY === true) this.#stream.write('\n');
  }

  /** e.g. `file 1/2 · lines 52,340 · 48,113 lines/s · 41.2 % · ETA 0:03`. */
  render(): string {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const rate = seconds > 0 ? this.#lines / seconds : 0;
    const done = this.#totalBytes > 0 ? Math.min(1, this.#bytes / this.#totalBytes) : 0;
    const parts = [
      `file ${this.#file}/${this.#files}`,
      `lines ${GROUPED.format(this.#lines)}`,
      `${GROUPED.format(rate)} lines/s`,
      `${(100 * done).toFixed(1)} %`,
    ];
    if (done > 0 && done < 1) parts.push(`ETA ${clock((seconds * (1 - done)) / done)}`);
    return parts.join(' · ');
  }

  #draw(force: boolean): void {
    if (!this.#enabled) return;
    const now = performance.now();
    if (!force && now - this.#drawnAt < 250) return;
    this.#drawnAt = now;
    this.#stream.write(this.#stream.isTTY === true ? `\r${this.render()}\u001b[K` : `${this.render()}\n`);
  }
}

function clock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const m = Math.floor(whole / 60);
  return `${m}:${String(whole % 60).padStart(2, '0')}`;
}
