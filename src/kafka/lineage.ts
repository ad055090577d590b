import type { IHeaders, KafkaMessage } from 'kafkajs';
import { decodeUtf8, toBase64 } from '../sink/json-text.js';

/** Bytes as JSON: their UTF-8 text, or `{ base64 }` when they are not text (as everywhere in eventflake). */
export type EncodedBytes = string | { readonly base64: string };

/**
 * Where a Kafka record came from, stored in RAW's EVENT_METADATA and in dead letters: enough to find the
 * record again, and what resume-from-warehouse reads back (`topic`, `partition`, `offset`, `timestamp`).
 */
export type KafkaLineage = {
  readonly topic: string;
  readonly partition: number;
  /** A JSON number, so SQL can compare it; a decimal string only past 2^53, which no real log reaches. */
  readonly offset: number | string;
  readonly key: EncodedBytes | null;
  /** Header values in arrival order; a header sent more than once keeps every value, as a list. */
  readonly headers: Readonly<Record<string, EncodedBytes | readonly EncodedBytes[]>>;
  /** The record's timestamp (producer CreateTime, or the broker's LogAppendTime), epoch milliseconds. */
  readonly timestamp: number;
};

/**
 * The lineage of one message as kafkajs delivered it.
 *
 * @example
 * kafkaLineage('sales_events', 2, message);
 * // => { topic: 'sales_events', partition: 2, offset: 41, key: 'PROD-007',
 * //      headers: { event_type: 'ORDER_CREATED', schema_version: '1' }, timestamp: 1763892900000 }
 */
export function kafkaLineage(topic: string, partition: number, message: KafkaMessage): KafkaLineage {
  return kafkaLineageWithJson(topic, partition, message).lineage;
}

/**
 * The start of every lineage text of one partition, `{"topic":…,"partition":…`: the Kafka source writes it
 * once per batch and hands it to {@link kafkaLineageWithJson}.
 *
 * @example
 * lineageHead('sales_events', 2); // => '{"topic":"sales_events","partition":2'
 */
export function lineageHead(topic: string, partition: number): string {
  return `{"topic":${JSON.stringify(topic)},"partition":${partition}`;
}

/**
 * {@link kafkaLineage} and, written beside it, its JSON text: exactly `toJsonText(lineage)`, without the
 * walk and the JSON.stringify of the object, which cost about as much as the rest of the sink's work on
 * an event. `head` is the partition's {@link lineageHead}, passed in by callers that reuse it.
 *
 * @example
 * const { lineage, json } = kafkaLineageWithJson('sales_events', 2, message);
 */
export function kafkaLineageWithJson(
  topic: string,
  partition: number,
  message: KafkaMessage,
  head: string = lineageHead(topic, partition),
): { lineage: KafkaLineage; json: string } {
  const offset = offsetAsJson(message.offset);
  const key = message.key === null ? null : encodeBytes(message.key);
  const headers = encodeHeaders(message.headers);
  const timestamp = Number(message.timestamp);
  const json =
    `${head},"offset":${JSON.stringify(offset)},"key":${JSON.stringify(key)},` +
    `"headers":${headers.json},"timestamp":${JSON.stringify(timestamp)}}`;
  return { lineage: { topic, partition, offset, key, headers: headers.encoded, timestamp }, json };
}

/**
 * Bytes or text as JSON: text stays text, bytes become UTF-8 text or `{ base64 }`.
 *
 * @example
 * encodeBytes(Buffer.from([0xff, 0x00])); // => { base64: '/wA=' }
 */
export function encodeBytes(value: Uint8Array | string): EncodedBytes {
  if (typeof value === 'string') return value;
  return decodeUtf8(value) ?? { base64: toBase64(value) };
}

function encodeHeaders(headers: IHeaders | undefined): {
  encoded: Record<string, EncodedBytes | EncodedBytes[]>;
  json: string;
} {
  const encoded: Record<string, EncodedBytes | EncodedBytes[]> = {};
  if (headers === undefined) return { encoded, json: '{}' };
  let json = '';
  // A plain loop: this runs for every record, and entries/flatMap/fromEntries allocated three arrays each.
  // Object.keys gives the names in the order JSON.stringify writes `encoded`, which gets the same names.
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    const bytes = Array.isArray(value) ? value.map(encodeBytes) : encodeBytes(value);
    json += `${json === '' ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(bytes)}`;
    // Assigning `__proto__` would set the prototype: that one name is defined as a property instead.
    if (name === '__proto__')
      Object.defineProperty(encoded, name, {
        value: bytes,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else encoded[name] = bytes;
  }
  return { encoded, json: `{${json}}` };
}

function offsetAsJson(offset: string): number | string {
  const value = Number(offset);
  return Number.isSafeInteger(value) ? value : offset;
}
