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
