import type { DeadLetter, DeadLetterQueue } from './dead-letter.js';

/**
 * Keeps dead letters in memory: for tests, and for short local runs where they are read back at the end.
 * Unbounded by design; use {@link JsonlFileDeadLetterQueue} for anything long-running.
 *
 * @example
 * const dlq = new MemoryDeadLetterQueue();
 * // ... run the sink ...
 * for (const letter of dlq.letters) console.log(letter.reason.code, letter.lineage);
 */
export class MemoryDeadLetterQueue implements DeadLetterQueue {
  readonly #letters: DeadLetter[] = [];

  /** Every letter written so far, oldest first. */
  get letters(): readonly DeadLetter[] {
    return this.#letters;
  }

  async write(letters: readonly DeadLetter[]): Promise<void> {
    // A loop rather than push(...letters): spreading a very large batch overflows the call stack.
    for (const letter of letters) this.#letters.push(letter);
  }
}
