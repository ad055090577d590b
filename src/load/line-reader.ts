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
  for await (const batch of readLineBatches(path, onBytes)) yield* batch;
}

/**
 * The lines of {@link readLines}, a batch per chunk read (about 1 MB): one await per batch rather than
 * per line, for callers that go through millions of lines.
 *
 * @example
 * for await (const batch of readLineBatches('events.jsonl.gz')) for (const { line } of batch) count++;
 */
export async function* readLineBatches(
  path: string,
  onBytes: (n: number) => void = () => undefined,
): AsyncGenerator<FileLine[], void, undefined> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => onBytes(chunk.length));
  // 256 KB output chunks: the default 16 KB makes gunzip of a large file half again slower.
  const input: Readable = gzip ? file.pipe(createGunzip({ chunkSize: 1 << 18 })) : file;
  if (gzip) file.on('error', (error) => input.destroy(error));
  let pending: Buffer[] = [];
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const batch: FileLine[] = [];
      let start = 0;
      let end = chunk.indexOf(NEWLINE, start);
      while (end !== -1) {
        const piece = chunk.subarray(start, end);
        const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        batch.push({ line: ++line, bytes: withoutCarriageReturn(bytes) });
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    throw new LoadFileError(path, `cannot be read${gzip ? ' as gzip' : ''}`, error);
  } finally {
    file.destroy();
    input.destroy();
  }
  if (pending.length > 0) yield [{ line: ++line, bytes: withoutCarriageReturn(Buffer.concat(pending)) }];
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, -1) : bytes;
}
