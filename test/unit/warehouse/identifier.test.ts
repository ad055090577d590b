import { describe, expect, it } from 'vitest';
import {
  parseQualified,
  quoteIdentifier,
  quoteQualified,
  UnsafeIdentifierError,
} from '../../../src/warehouse/identifier.js';

describe('identifiers', () => {
  it('quotes names from the seeds unchanged', () => {
    expect(quoteIdentifier('RAW_EVENTS_STREAM')).toBe('"RAW_EVENTS_STREAM"');
    expect(quoteQualified({ database: 'CAVES_ALBERT_DB', schema: 'STAGING', name: 'STG_ORDERS' })).toBe(
      '"CAVES_ALBERT_DB"."STAGING"."STG_ORDERS"',
    );
  });

  it.each(['', '1ABC', 'A B', 'A"B', 'A;DROP', 'A.B', 'é', 'x'.repeat(256)])('rejects %j', (name) => {
    expect(() => quoteIdentifier(name)).toThrow(UnsafeIdentifierError);
  });

  it('gives a stable code and a message naming the rule', () => {
    try {
      quoteIdentifier('bad name');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ERR_UNSAFE_IDENTIFIER' });
      expect(String(error)).toMatch(/letter or underscore/);
    }
  });

  it('parses two- and three-part names and rejects others', () => {
    expect(parseQualified('RAW_DATA.RAW_EVENTS_STREAM')).toEqual({
      schema: 'RAW_DATA',
      name: 'RAW_EVENTS_STREAM',
    });
    expect(parseQualified('DB.S.T')).toEqual({ database: 'DB', schema: 'S', name: 'T' });
    expect(() => parseQualified('T')).toThrow(UnsafeIdentifierError);
    expect(() => parseQualified('A.B.C.D')).toThrow(UnsafeIdentifierError);
    expect(() => parseQualified('A.B;--')).toThrow(UnsafeIdentifierError);
  });
});
