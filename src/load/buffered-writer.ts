import { createWriteStream, type WriteStream } from 'node:fs';
import { StreamFailure } from './stream-failure.js';

/**
 * A text file written in ~256 KB pieces, waiting on backpressure, so a large file streams in
 * constant memory.
 *
 * @example
 * const out = new BufferedWriter('/tmp/load/part-00001.jsonl');
 * await out.write('{"a":1}\n');
 * await out.close();
 */
export class BufferedWriter {
  readonly path: string;
  readonly #out: WriteStream;
  #chunk = '';
  #written = 0;
  readonly #failure = new StreamFailure();

  constructor(path: string) {
    this.path = path;
    this.#out = this.#failure.watch(createWriteStream(path));
  }

  /** How many times `write` was called (lines, for the loader). */
  get writes(): number {
    return this.#written;
  }

  /** Returns a promise only when the stream asks to wait, so most lines cost no await. */
  write(text: string): Promise<void> | undefined {
    this.#failure.rethrow();
    this.#written++;
    this.#chunk += text;
    if (this.#chunk.length < 262_144) return undefined;
    const chunk = this.#chunk;
    this.#chunk = '';
    return this.#out.write(chunk) ? undefined : this.#failure.drained(this.#out);
  }

  /** Safe to call twice; rethrows a write error the stream reported. */
  async close(): Promise<void> {
    this.#failure.rethrow();
    if (!this.#out.writableEnded) {
      this.#out.end(this.#chunk);
      this.#chunk = '';
    }
    await this.#failure.closed(this.#out);
  }
}
