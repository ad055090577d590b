import { Readable } from 'node:stream';

/** How items become stream chunks. */
export interface ReadableOptions<T> {
  /**
   * Emit newline-delimited JSON text instead of objects. Give `serialize` to control the text of
   * each item (e.g. to pass malformed fault payloads through verbatim).
   * @default false (object mode)
   */
  readonly ndjson?: boolean;
  /** Text of one item when `ndjson` is true. @default JSON.stringify */
  readonly serialize?: (item: T) => string;
}

/**
 * Wrap an iterable as a Node Readable with backpressure: the source is pulled only as fast as the
 * stream is read.
 *
 * @example
 * toReadable(generator.stream({ count: 100 }), { ndjson: true }).pipe(process.stdout);
 */
export function toReadable<T>(
  source: Iterable<T> | AsyncIterable<T>,
  options: ReadableOptions<T> = {},
): Readable {
  if (options.ndjson !== true) return Readable.from(source, { objectMode: true });
  const serialize = options.serialize ?? ((item: T) => JSON.stringify(item));
  return Readable.from(lines(source, serialize), { objectMode: false, encoding: 'utf8' });
}

async function* lines<T>(
  source: Iterable<T> | AsyncIterable<T>,
  serialize: (item: T) => string,
): AsyncGenerator<string> {
  for await (const item of source) yield `${serialize(item)}\n`;
}
