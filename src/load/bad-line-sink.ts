import type { DeadLetter } from '../sink/dead-letter.js';
import type { JsonlFileDeadLetterQueue } from '../sink/jsonl-file-dead-letter-queue.js';
import { LoadToleranceError } from './errors.js';

/**
 * The load's bad lines, in file and line order, to the dead-letter file in batches of 500, enforcing
 * `tolerance.maxBadLines`: the letter over the limit is still written, then the load stops.
 *
 * @example
 * const bad = new BadLineSink(dlq, 100);
 * await bad.add(letter, linesSoFar);
 * await bad.flush();
 */
export class BadLineSink {
  readonly #dlq: JsonlFileDeadLetterQueue;
  readonly #maxBadLines: number;
  #letters: DeadLetter[] = [];
  #count = 0;

  constructor(dlq: JsonlFileDeadLetterQueue, maxBadLines: number) {
    this.#dlq = dlq;
    this.#maxBadLines = maxBadLines;
  }

  get count(): number {
    return this.#count;
  }

  /** `lines`: the lines of the files already read, reported by the tolerance error. */
  async add(letter: DeadLetter, lines: number): Promise<void> {
    this.#letters.push(letter);
    if (++this.#count > this.#maxBadLines) {
      await this.flush();
      throw new LoadToleranceError(
        `${this.#count} bad lines, more than the ${this.#maxBadLines} the load tolerates (tolerance.maxBadLines); nothing was loaded`,
        this.#count,
        lines,
      );
    }
    if (this.#letters.length >= 500) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.#letters;
    this.#letters = [];
    await this.#dlq.write(batch);
  }
}
