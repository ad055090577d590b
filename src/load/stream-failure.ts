import { once } from 'node:events';
import type { WriteStream } from 'node:fs';

/**
 * The error a write stream reported, kept for the writer's next call: without a listener an 'error'
 * event (a full disk, a removed folder) would crash the process instead of failing the load, whose
 * `finally` then cleans up.
 *
 * @example
 * const failure = new StreamFailure();
 * const out = failure.watch(createWriteStream(path));
 * failure.rethrow(); // before each write
 * await failure.closed(out);
 */
export class StreamFailure {
  #error: { readonly error: unknown } | undefined;

  watch(out: WriteStream): WriteStream {
    out.on('error', (error: unknown) => {
      this.#error ??= { error };
    });
    return out;
  }

  /** Throws the stream's error, if it reported one. */
  rethrow(): void {
    if (this.#error !== undefined) throw this.#error.error;
  }

  /** Waits for 'drain'; rejects with the stream's error instead if it fails meanwhile. */
  async drained(out: WriteStream): Promise<void> {
    await this.#until(out, 'drain');
  }

  /** Waits until the stream has closed, then throws its error if it reported one. */
  async closed(out: WriteStream): Promise<void> {
    await this.#until(out, 'close');
    this.rethrow();
  }

  async #until(out: WriteStream, event: 'drain' | 'close'): Promise<void> {
    this.rethrow();
    if (event === 'close' && out.closed) return;
    // `once` rejects on 'error', which also ends the wait when the stream dies before the event.
    await once(out, event).catch((error: unknown) => {
      this.#error ??= { error };
    });
    if (event === 'drain') this.rethrow();
  }
}
