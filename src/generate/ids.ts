import { createHash } from 'node:crypto';

const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(byte: number): string {
  return HEX[byte & 0xff] ?? '00';
}

/**
 * Shape four 32-bit words as a version 4 UUID: the version nibble and the RFC 4122 variant bits are
 * forced, the other 122 bits come from the words, so a seeded source yields a reproducible id.
 *
 * @example
 * uuidFromWords(0, 0, 0, 0); // => '00000000-0000-4000-8000-000000000000'
 */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  return (
    hex(a >>> 24) +
    hex(a >>> 16) +
    hex(a >>> 8) +
    hex(a) +
    '-' +
    hex(b >>> 24) +
    hex(b >>> 16) +
    '-' +
    hex(((b >>> 8) & 0x0f) | 0x40) +
    hex(b) +
    '-' +
    hex(((c >>> 24) & 0x3f) | 0x80) +
    hex(c >>> 16) +
    '-' +
    hex(c >>> 8) +
    hex(c) +
    hex(d >>> 24) +
    hex(d >>> 16) +
    hex(d >>> 8) +
    hex(d)
  );
}

/**
 * A version 4 shaped UUID derived from a key, so replaying the same source row twice yields the same
 * event id and a pipeline's deduplication can recognise it.
 *
 * @example
 * uuidFromKey('order_created:ORDER_000001') === uuidFromKey('order_created:ORDER_000001'); // => true
 */
export function uuidFromKey(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  return uuidFromWords(
    digest.readUInt32BE(0),
    digest.readUInt32BE(4),
    digest.readUInt32BE(8),
    digest.readUInt32BE(12),
  );
}

/** Zero-padded sequence number, e.g. `sequenceId('ORDER_', 1, 6)` → `ORDER_000001`. */
export function sequenceId(prefix: string, value: number, width: number): string {
  return prefix + String(value).padStart(width, '0');
}
