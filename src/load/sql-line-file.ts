import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StreamFailure } from './stream-failure.js';

/** The byte between a line's number and its bytes; `read_csv` is told it is the delimiter. */
export const SEPARATOR = 0x01;
const NEWLINE = 0x0a;
const CHUNK = 1 << 20;

/**
 * The lines of one input file as DuckDB reads them back with `read_csv`: `<line number>\x01<bytes>\n`,
 * the bytes copied untouched. Only lines with no CR, NUL or \x01 byte come here (the caller sends the
 * others to JavaScript): those bytes are the only ones the CSV reader would take for structure.
 *
 * @example
 * const file = new SqlLineFile('/tmp/load/lines-00001.txt');
 * await file.add(1, Buffer.from('{"event_id":"…"}'));
 * await file.close();
 */
export class SqlLineFile {
  readonly path: string;
  readonly #out: WriteStream;
  #buffer = Buffer.allocUnsafe(CHUNK);
  #used = 0;
  #lines = 0;
  readonly #failure = new StreamFailure();

  constructor(path: string) {
    this.path = path;
    this.#out = this.#failure.watch(createWriteStream(path));
  }

  /** How many lines were written. */
  get lines(): number {
    return this.#lines;
  }

  /** Returns a promise only when the stream asks to wait, so most lines cost no await. */
  add(line: number, bytes: Buffer): Promise<void> | undefined {
    this.#failure.rethrow();
    const needed = 24 + bytes.length;
    let waiting: Promise<void> | undefined;
    if (this.#used + needed > this.#buffer.length) {
      waiting = this.#flush();
      this.#buffer = Buffer.allocUnsafe(Math.max(CHUNK, needed));
    }
    this.#used += this.#buffer.write(String(line), this.#used, 'latin1');
    this.#buffer[this.#used++] = SEPARATOR;
    this.#used += bytes.copy(this.#buffer, this.#used);
    this.#buffer[this.#used++] = NEWLINE;
    this.#lines++;
    return waiting;
  }

  async close(): Promise<void> {
    this.#failure.rethrow();
    this.#out.end(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
    await this.#failure.closed(this.#out);
  }

  /** The buffer is handed to the stream as it is and a fresh one taken, so nothing is copied twice. */
  #flush(): Promise<void> | undefined {
    if (this.#used === 0) return undefined;
    const full = this.#out.write(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
    return full ? undefined : this.#failure.drained(this.#out);
  }
}

/** Whether DuckDB's CSV reader can carry this line as one field: no CR, NUL or separator byte. */
export function fitsSqlLineFile(bytes: Buffer): boolean {
  return bytes.indexOf(0x0d) === -1 && bytes.indexOf(SEPARATOR) === -1 && bytes.indexOf(0x00) === -1;
}

/** Lines per part: DuckDB classifies a part while JavaScript reads the next. */
const PART_LINES = 131_072;

/**
 * A file's SQL-bound lines cut into parts of {@link PART_LINES} lines; each complete part is handed
 * to `classify` at once, so DuckDB works while JavaScript goes on reading. `finish` waits for them all.
 *
 * @example
 * const parts = new LineParts('/tmp/load/lines-00001', (path) => classify(path));
 * await parts.add(1, bytes);
 * await parts.finish();
 */
export class LineParts {
  readonly #prefix: string;
  readonly #classify: (path: string, lines: number) => Promise<unknown>;
  #current: SqlLineFile | undefined;
  #count = 0;
  #queue: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | undefined;

  /** `classify` gets a complete part and how many lines it holds. */
  constructor(prefix: string, classify: (path: string, lines: number) => Promise<unknown>) {
    this.#prefix = prefix;
    this.#classify = classify;
  }

  /** Rejects once a classification failed: reading on would be wasted. */
  add(line: number, bytes: Buffer): Promise<void> | undefined {
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    this.#current ??= new SqlLineFile(`${this.#prefix}-${String(++this.#count).padStart(5, '0')}.txt`);
    const waiting = this.#current.add(line, bytes);
    if (this.#current.lines < PART_LINES) return waiting;
    const full = this.#current;
    this.#current = undefined;
    return Promise.resolve(waiting).then(() => this.#submit(full));
  }

  /** Close the last part, wait for every classification; rethrows the first failure. */
  async finish(): Promise<void> {
    const last = this.#current;
    this.#current = undefined;
    if (last !== undefined) await this.#submit(last);
    await this.#queue;
    if (this.#failure !== undefined) throw this.#failure.error;
  }

  async #submit(part: SqlLineFile): Promise<void> {
    await part.close();
    if (part.lines === 0) return;
    // Chained, and failures kept for `finish`: a rejection nobody awaits yet must not go unhandled.
    this.#queue = this.#queue.then(async () => {
      if (this.#failure !== undefined) return;
      await this.#classify(part.path, part.lines).catch((error: unknown) => {
        this.#failure = { error };
      });
      // Classified parts are not read again: free the disk as the load goes.
      await rm(part.path, { force: true });
    });
  }
}
