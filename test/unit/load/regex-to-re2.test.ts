import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toRe2 } from '../../../src/load/sql-validation/regex-to-re2.js';
import { sqlString } from '../../../src/load/sql-validation/sql-text.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';

let wh: DuckDbWarehouse;
beforeAll(async () => {
  wh = await DuckDbWarehouse.open();
});
afterAll(async () => wh.close());

const patternOf = (schema: z.ZodType): RegExp => (schema._zod.def as unknown as { pattern: RegExp }).pattern;

const TRANSLATED: readonly RegExp[] = [
  /^PROD-\d{3,12}$/,
  /^ORD-\d{8}-\d{6}$/,
  /^[A-Z]+_\d{6,12}$/,
  /^(ab|c)?d*$/,
  /x-y/,
  patternOf(z.uuid()),
  patternOf(z.iso.datetime()),
];

describe('JavaScript RegExp → RE2', () => {
  it('refuses what could read differently in the two engines', () => {
    for (const pattern of [
      /^a.b$/,
      /\w+/,
      /\s/,
      /[^a]/,
      /(?=a)b/,
      /(a)\1/,
      /^a$/i,
      /é/,
      /a{2000}/,
      /[\d-z]/,
      /\bx/,
    ]) {
      expect(toRe2(pattern)).toBeUndefined();
    }
  });

  it('gives RE2 the same verdict as RegExp.test on any string (property)', async () => {
    const patterns = TRANSLATED.map((p) => ({ js: p, re2: toRe2(p) }));
    for (const { re2 } of patterns) expect(re2).toBeDefined();
    const strings = [
      ...fc.sample(
        fc.string({ unit: fc.constantFrom(...'PROD-ORD_0123456789ab cdxyABCZT:.Z\n-'.split('')) }),
        {
          numRuns: 400,
          seed: 5,
        },
      ),
      ...fc.sample(fc.string({ unit: 'grapheme' }), { numRuns: 100, seed: 6 }),
      'PROD-001',
      'PROD-001\n',
      'ORD-20251019-123456',
      'ORDER_000001',
      '963e5ff1-da35-4206-acce-a70e324f3c90',
      '2024-02-29T00:00:00.000Z',
      '2025-02-29T00:00:00.000Z',
      'abdd',
      'cdd',
      '',
    ];
    const tests = patterns
      .map(({ re2 }, i) => `regexp_matches(s, ${sqlString(re2 ?? '')}) AS p${i}`)
      .join(', ');
    const rows = await wh.execute(
      `SELECT i, ${tests} FROM (SELECT unnest(l) AS s, generate_subscripts(l, 1) AS i FROM (SELECT from_json(?::VARCHAR, '["VARCHAR"]') AS l)) ORDER BY i`,
      [JSON.stringify(strings)],
    );
    for (const row of rows) {
      const value = strings[Number(row.i) - 1] ?? '';
      patterns.forEach(({ js }, i) => {
        expect({ value, pattern: js.source, match: row[`p${i}`] }).toEqual({
          value,
          pattern: js.source,
          match: js.test(value),
        });
      });
    }
  });
});
