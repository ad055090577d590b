import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { encodeBytes, kafkaLineage, kafkaLineageWithJson } from '../../../src/kafka/lineage.js';
import { toJsonText } from '../../../src/sink/json-text.js';

function message(fields: Partial<KafkaMessage> = {}): KafkaMessage {
  return {
    key: Buffer.from('PROD-007'),
    value: Buffer.from('{}'),
    timestamp: '1763892900000',
    attributes: 0,
    offset: '41',
    headers: {},
    ...fields,
  } as KafkaMessage;
}

describe('kafkaLineage', () => {
  it('records topic, partition, offset and timestamp as JSON numbers, and a text key as text', () => {
    expect(kafkaLineage('sales_events', 2, message())).toEqual({
      topic: 'sales_events',
      partition: 2,
      offset: 41,
      key: 'PROD-007',
      headers: {},
      timestamp: 1763892900000,
    });
  });

  it('keeps header values that are text as text, bytes as base64, and every value of a repeated header', () => {
    const lineage = kafkaLineage(
      't',
      0,
      message({
        key: null,
        headers: {
          event_type: Buffer.from('ORDER_CREATED'),
          checksum: Buffer.from([0xff, 0x00, 0x10]),
          hop: [Buffer.from('a'), Buffer.from([0xc3])],
          absent: undefined,
        },
      }),
    );
    expect(lineage.key).toBeNull();
    expect(lineage.headers).toEqual({
      event_type: 'ORDER_CREATED',
      checksum: { base64: '/wAQ' },
      hop: ['a', { base64: 'ww==' }],
    });
  });

  it('encodes a binary key as base64 and keeps non-ASCII text keys intact', () => {
    expect(kafkaLineage('t', 0, message({ key: Buffer.from([0x80, 0x81]) })).key).toEqual({ base64: 'gIE=' });
    expect(kafkaLineage('t', 0, message({ key: Buffer.from('château') })).key).toBe('château');
  });

  it('keeps a header named __proto__ as a header and serializes it', () => {
    const raw: Record<string, Buffer> = Object.create(null);
    Object.defineProperty(raw, '__proto__', { value: Buffer.from('polluted'), enumerable: true });
    const lineage = kafkaLineage('t', 0, message({ headers: raw }));
    expect(Object.getPrototypeOf(lineage.headers)).toBe(Object.prototype);
    expect(JSON.parse(toJsonText(lineage)).headers).toEqual({ ['__proto__']: 'polluted' });
  });

  it('keeps an offset past 2^53 exact, as a string', () => {
    expect(kafkaLineage('t', 0, message({ offset: '9007199254740993' })).offset).toBe('9007199254740993');
  });
});

describe('kafkaLineageWithJson', () => {
  const bytes = fc.oneof(
    fc.string({ unit: 'binary' }).map((text) => Buffer.from(text)),
    fc.uint8Array({ maxLength: 12 }).map((array) => Buffer.from(array)),
  );
  const headerName = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('__proto__', '0', '1', '10', 'toJSON', 'event_type', '"', '\\'),
  );
  const headers = fc.array(
    fc.tuple(headerName, fc.oneof(bytes, fc.array(bytes, { maxLength: 3 }), fc.constant(undefined))),
    { maxLength: 6 },
  );
  const messages = fc.record({
    topic: fc.string({ unit: 'binary', maxLength: 10 }),
    partition: fc.nat(1000),
    key: fc.option(bytes),
    offset: fc.oneof(fc.bigInt(0n, 2n ** 63n - 1n), fc.nat()).map(String),
    timestamp: fc.oneof(fc.nat(), fc.constantFrom(1763892900000, -1)).map(String),
    headers,
  });

  it('writes exactly the text the sink would write for the lineage', () => {
    fc.assert(
      fc.property(messages, ({ topic, partition, key, offset, timestamp, headers: entries }) => {
        const raw: Record<string, Buffer | Buffer[] | undefined> = {};
        for (const [name, value] of entries)
          Object.defineProperty(raw, name, { value, enumerable: true, writable: true, configurable: true });
        const kafkaMessage = message({ key, offset, timestamp, headers: raw });
        const { lineage, json } = kafkaLineageWithJson(topic, partition, kafkaMessage);
        expect(lineage).toEqual(kafkaLineage(topic, partition, kafkaMessage));
        expect(json).toBe(toJsonText(lineage));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('encodeBytes', () => {
  it('passes text through and turns invalid UTF-8 into base64', () => {
    expect(encodeBytes('déjà')).toBe('déjà');
    expect(encodeBytes(Buffer.from([0xe9]))).toEqual({ base64: '6Q==' });
  });
});
