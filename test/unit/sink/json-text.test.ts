import { describe, expect, it } from 'vitest';
import { decodeUtf8, toJsonText } from '../../../src/sink/json-text.js';

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
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and refuses anything else', () => {
    expect(decodeUtf8(Buffer.from('🍷 Château'))).toBe('🍷 Château');
    expect(decodeUtf8(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
  });
});
