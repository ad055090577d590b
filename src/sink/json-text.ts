const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON text of lineage and metadata, which come from sources as they are: Kafka offsets may be bigints,
 * keys and header values bytes. Bigints become decimal strings, bytes become their UTF-8 text (or
 * `{ base64 }` when they are not text) rather than Node's `{"type":"Buffer","data":[…]}`.
 *
 * @example
 * toJsonText({ offset: 42n, key: Buffer.from('CUST-1') }); // => '{"offset":"42","key":"CUST-1"}'
 */
export function toJsonText(value: unknown): string {
  // The replacer costs a call per key, and the sink runs this twice per event: values that are
  // already plain JSON (every parsed event, Kafka lineage) skip it.
  if (isPlainJson(value, 0, { left: MAX_PLAIN_NODES })) return JSON.stringify(value) ?? 'null';
  const text = JSON.stringify(value, function replace(this: unknown, key: string, current: unknown) {
    // `current` has already been through toJSON (Buffer's turns it into {type, data}); read the original.
    const original = key === '' ? current : (this as Record<string, unknown>)[key];
    if (typeof original === 'bigint') return original.toString();
    if (original instanceof Uint8Array) return bytesToJson(original);
    return current;
  });
  // JSON.stringify returns undefined for undefined or a function at the top level.
  return text ?? 'null';
}

/**
 * JSON text of `{ ...lineage, source }`, what RAW's EVENT_METADATA holds, built without copying the
 * lineage: once per event, the copy cost as much as the rest of the metadata.
 *
 * @example
 * metadataText({ topic: 't', offset: 4 }, { producer: 'p', schema_version: 1 });
 * // => '{"topic":"t","offset":4,"source":{"producer":"p","schema_version":1}}'
 */
export function metadataText(
  lineage: Readonly<Record<string, unknown>>,
  source: unknown,
  lineageJson?: string,
): string {
  // A source JSON cannot write is dropped by the copy, which the splice would not do.
  if (source === undefined) return toJsonText({ ...lineage, source });
  return spliceSource(lineage, () => toJsonText(source), lineageJson) ?? toJsonText({ ...lineage, source });
}

/**
 * {@link metadataText} with the source already as JSON text (as the fast path reads it from the event).
 *
 * @example
 * metadataTextWithSource({ topic: 't' }, '{"producer":"p","schema_version":1}');
 * // => '{"topic":"t","source":{"producer":"p","schema_version":1}}'
 */
export function metadataTextWithSource(
  lineage: Readonly<Record<string, unknown>>,
  sourceJson: string,
  lineageJson?: string,
): string {
  return (
    spliceSource(lineage, () => sourceJson, lineageJson) ??
    toJsonText({ ...lineage, source: JSON.parse(sourceJson) })
  );
}

/**
 * `{...lineage, "source": …}` by splicing the texts, or undefined where that would not be the same text
 * as the copy's: a record that is not plain, has a `source` or `toJSON` of its own, or is not written
 * as an object. `lineageJson`, when the source wrote it, stands for `toJsonText(lineage)`.
 */
function spliceSource(
  lineage: Readonly<Record<string, unknown>>,
  sourceJson: () => string,
  lineageJson: string | undefined,
): string | undefined {
  const prototype: unknown = Object.getPrototypeOf(lineage);
  const plain = prototype === Object.prototype || prototype === null;
  if (!plain || Object.hasOwn(lineage, 'source') || Object.hasOwn(lineage, 'toJSON')) return undefined;
  const text = lineageJson ?? toJsonText(lineage);
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const tail = `"source":${sourceJson()}}`;
  return text === '{}' ? `{${tail}` : `${text.slice(0, -1)},${tail}`;
}

/** Deeper or larger values take the replacer path, which handles any size (and throws on a cycle). */
const MAX_PLAIN_DEPTH = 32;
const MAX_PLAIN_NODES = 10_000;

/**
 * True when JSON.stringify alone gives the text toJsonText promises: no bigints, bytes or toJSON. The
 * node budget bounds the walk: a cycle would otherwise be walked along every path up to the depth limit.
 */
function isPlainJson(value: unknown, depth: number, budget: { left: number }): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  budget.left -= 1;
  if (budget.left < 0 || depth > MAX_PLAIN_DEPTH || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJson(item, depth + 1, budget)) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1, budget)) return false;
  }
  return true;
}

/**
 * Decode bytes as UTF-8, or return undefined when they are not valid UTF-8.
 *
 * @example
 * decodeUtf8(new Uint8Array([0xff])); // => undefined
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Base64 of bytes.
 *
 * @example
 * toBase64(new Uint8Array([0xff])); // => '/w=='
 */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function bytesToJson(bytes: Uint8Array): string | { base64: string } {
  return decodeUtf8(bytes) ?? { base64: toBase64(bytes) };
}
