import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, metadataText, metadataTextWithSource, toJsonText } from '../../../src/sink/json-text.js';

describe('toJsonText', () => {
  it('writes Kafka-style lineage as plain JSON: bigints as strings, bytes as text or base64', () => {
    const lineage = {
      offset: 12_345_678_901_234_567_890n,
      key: Buffer.from('CUST-00042'),
      headers: { trace: new Uint8Array([0xff, 0x00]), origin: Buffer.from('pos-17') },
      createTime: new Date('2026-11-23T10:15:00.000Z'),
    };
    expect(JSON.parse(toJsonText(lineage))).toEqual({
      offset: '12345678901234567890',
      key: 'CUST-00042',
      headers: { trace: { base64: '/wA=' }, origin: 'pos-17' },
      createTime: '2026-11-23T10:15:00.000Z',
    });
  });

  it('returns JSON null rather than undefined for a value JSON cannot hold', () => {
    expect(toJsonText(undefined)).toBe('null');
  });

  it('writes plain JSON values exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toJsonText(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('still converts bytes and bigints nested anywhere in otherwise plain JSON', () => {
    const value = { a: [1, { b: { c: 5n } }], d: { e: [Buffer.from('ok')] } };
    expect(JSON.parse(toJsonText(value))).toEqual({ a: [1, { b: { c: '5' } }], d: { e: ['ok'] } });
  });

  it('throws at once on a cyclic value, as JSON.stringify does, however many paths lead back', () => {
    const cyclic: Record<string, unknown> = {};
    for (const key of ['a', 'b', 'c', 'd']) cyclic[key] = cyclic;
    expect(() => toJsonText(cyclic)).toThrow(TypeError);
  });
});

describe('metadataText', () => {
  const source = { producer: 'eventflake-generator', schema_version: 1 };

  it('is the lineage with the envelope source last, as one object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (lineage) => {
        expect(metadataText(lineage, source)).toBe(toJsonText({ ...lineage, source }));
      }),
    );
  });

  it('lets the envelope source win over a lineage key of that name, and handles an empty lineage', () => {
    expect(JSON.parse(metadataText({ source: 'file', line: 3 }, source))).toEqual({ source, line: 3 });
    expect(JSON.parse(metadataText({}, source))).toEqual({ source });
    expect(JSON.parse(metadataText({ gone: undefined }, source))).toEqual({ source });
  });

  it('gives the text of the copy for an undefined source, a lineage with toJSON, or a class instance', () => {
    class Lineage {
      constructor(readonly line: number) {}
    }
    const odd: Array<Readonly<Record<string, unknown>>> = [
      { line: 1, toJSON: () => ({ replaced: true }) },
      new Lineage(2) as unknown as Record<string, unknown>,
    ];
    expect(metadataText({ line: 1 }, undefined)).toBe(toJsonText({ line: 1, source: undefined }));
    for (const lineage of odd) expect(metadataText(lineage, source)).toBe(toJsonText({ ...lineage, source }));
  });

  it('gives the same text from the source as JSON text, for any lineage (property)', () => {
    class Lineage {
      constructor(readonly line: number) {}
    }
    const lineages = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.constant({ source: 'file', line: 3 }),
      fc.constant({ line: 1, toJSON: () => ({ replaced: true }) }),
      fc.constant(new Lineage(2) as unknown as Record<string, unknown>),
    );
    fc.assert(
      fc.property(lineages, (lineage) => {
        expect(metadataTextWithSource(lineage, JSON.stringify(source))).toBe(metadataText(lineage, source));
      }),
    );
  });

  it('encodes Kafka bytes and bigints in the lineage', () => {
    const text = metadataText({ key: Buffer.from('PROD-007'), offset: 2n ** 64n }, source);
    expect(JSON.parse(text)).toEqual({ key: 'PROD-007', offset: '18446744073709551616', source });
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and refuses anything else', () => {
    expect(decodeUtf8(Buffer.from('🍷 Château'))).toBe('🍷 Château');
    expect(decodeUtf8(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
  });
});
