import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createSerialRunner } from '../warehouse/serial.js';
import type { DeadLetter, DeadLetterQueue } from './dead-letter.js';
import { toJsonText } from './json-text.js';

/** Options of {@link JsonlFileDeadLetterQueue}. */
export interface JsonlFileDeadLetterQueueOptions {
  /** File to append to; created with its folders when missing. */
  readonly path: string;
  /**
   * Permissions of a newly created file. Dead letters hold whole events (addresses, amounts),
   * so by default only the owner may read them.
   * @default 0o600
   */
  readonly mode?: number;
}

/**
 * Appends dead letters to a JSON Lines file, one letter per line, and fsyncs before `write` resolves:
 * once the sink acknowledges a batch, its dead letters survive a crash.
 *
 * @example
 * const dlq = new JsonlFileDeadLetterQueue({ path: '.eventflake/dead-letters.jsonl' });
 * const sink = new BatchSink({ warehouse, registry, deadLetterQueue: dlq });
 * // ... later
 * await dlq.close();
 */
export class JsonlFileDeadLetterQueue implements DeadLetterQueue {
  readonly #path: string;
  readonly #mode: number;
  // One append at a time, so lines from two writes never interleave.
  readonly #serial = createSerialRunner();
  #handle: FileHandle | undefined;

  constructor(options: JsonlFileDeadLetterQueueOptions) {
    this.#path = options.path;
    this.#mode = options.mode ?? 0o600;
  }

  get path(): string {
    return this.#path;
  }

  write(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return Promise.resolve();
    const text = letters.map((letter) => `${toJsonText(letter)}\n`).join('');
    return this.#serial(async () => {
      const handle = await this.#open();
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    });
  }

  /** Close the file; a later `write` opens it again. */
  close(): Promise<void> {
    return this.#serial(async () => {
      const handle = this.#handle;
      this.#handle = undefined;
      await handle?.close();
    });
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle !== undefined) return this.#handle;
    await mkdir(dirname(this.#path), { recursive: true });
    const handle = await open(this.#path, 'a+', this.#mode);
    try {
      await endTornLine(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    return handle;
  }
}

/**
 * Read back the letters of a JSONL dead-letter file, e.g. to fix and replay them.
 * A torn last line (the process died mid-append, before the fsync that acknowledges it) is skipped.
 *
 * @example
 * for await (const letter of readDeadLetters('.eventflake/dead-letters.jsonl')) console.log(letter.reason);
 */
export async function* readDeadLetters(path: string): AsyncGenerator<DeadLetter> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let letter: DeadLetter;
    try {
      letter = JSON.parse(line) as DeadLetter;
    } catch {
      // Only an unacknowledged, partly written line can fail to parse; its batch is redelivered.
      continue;
    }
    yield letter;
  }
}

/**
 * A crash mid-append can leave a last line without its newline; appending straight after it would glue
 * the next (acknowledged) letter onto that fragment and make both unreadable.
 */
async function endTornLine(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) {
    await handle.appendFile('\n', 'utf8');
    await handle.sync();
  }
}
