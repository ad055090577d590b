import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LoadFileError } from './errors.js';

/** One physical line of a file: its 1-based number and its bytes, without the line break. */
export interface FileLine {
  readonly line: number;
  readonly bytes: Buffer;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Whether a file is gzip, from its first two bytes (the extension can lie).
 *
 * @example
 * await isGzipFile('events.jsonl.gz'); // => true
 */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new LoadFileError(path, 'cannot be opened', error);
  });
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Stream a file's lines as bytes, gunzipping it when it is gzip. Bytes, not text: a line that is not
 * UTF-8 must reach the validator as it is, to be dead-lettered rather than silently repaired.
 * `onBytes` reports the file bytes read (compressed size for gzip), for progress.
 *
 * @example
 * for await (const { line, bytes } of readLines('events.jsonl.gz')) console.log(line, bytes.length);
 */
export async function* readLines(
  path: string,
  onBytes: (n: number) => void = () => undefined,
): AsyncGenerator<FileLine, void, undefined> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => onBytes(chunk.length));
  const input: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (error) => input.destroy(error));
  let pending: Buffer[] = [];
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      let end = chunk.indexOf(NEWLINE, start);
      while (end !== -1) {
        const piece = chunk.subarray(start, end);
        const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        yield { line: ++line, bytes: withoutCarriageReturn(bytes) };
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (error) {
    throw new LoadFileError(path, `cannot be read${gzip ? ' as gzip' : ''}`, error);
  } finally {
    file.destroy();
    input.destroy();
  }
  if (pending.length > 0) yield { line: ++line, bytes: withoutCarriageReturn(Buffer.concat(pending)) };
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, -1) : bytes;
}
