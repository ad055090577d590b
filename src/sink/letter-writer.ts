import type { RetryFunction } from '../retry/create-retry.js';
import type { DeadLetter, DeadLetterCode, DeadLetterQueue } from './dead-letter.js';
import { DeadLetterWriteError } from './errors.js';
import type { SinkMetrics } from './sink-metrics.js';

/** What the letter writer needs from its sink. */
export interface LetterWriterParts {
  readonly queue: DeadLetterQueue;
  readonly retry: RetryFunction;
  readonly metrics: SinkMetrics;
  /** Told once a write is durable, with the count by reason (the sink's `dead_letter` event). */
  readonly onWritten: (info: { count: number; reasons: Partial<Record<DeadLetterCode, number>> }) => void;
}

/**
 * Writes dead letters to the sink's queue, retrying as the sink's options say, and counts them by reason.
 *
 * @example
 * const letters = new LetterWriter({ queue, retry, metrics, onWritten: (info) => emit('dead_letter', info) });
 * await letters.write([letter]); // rejects with DeadLetterWriteError once the retries run out
 */
export class LetterWriter {
  readonly #parts: LetterWriterParts;

  constructor(parts: LetterWriterParts) {
    this.#parts = parts;
  }

  async write(letters: readonly DeadLetter[]): Promise<void> {
    const { queue, retry, metrics, onWritten } = this.#parts;
    try {
      await retry(() => queue.write(letters));
    } catch (error) {
      throw new DeadLetterWriteError(letters.length, error);
    }
    const reasons: Partial<Record<DeadLetterCode, number>> = {};
    for (const { reason } of letters) {
      reasons[reason.code] = (reasons[reason.code] ?? 0) + 1;
      metrics.deadLettered(reason.code);
    }
    onWritten({ count: letters.length, reasons });
  }
}
