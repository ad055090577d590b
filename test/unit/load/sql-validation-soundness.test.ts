import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decimal } from '../../../src/events/column-types.js';
import { type DataSchema, defineEvent } from '../../../src/events/define-event.js';
import { dataOnly, field } from '../../../src/events/field.js';
import { createRegistry } from '../../../src/events/registry.js';
import type { SqlRules } from '../../../src/events/sql-rules.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { compileRegistry } from '../../../src/load/sql-validation/registry-compiler.js';
import type { EventParser } from '../../../src/sink/event-parser.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { both, expectAgreement } from './sql-agreement.js';

let wh: DuckDbWarehouse;
beforeAll(async () => {
  wh = await DuckDbWarehouse.open();
});
afterAll(async () => wh.close());

enum Level {
  Low = 1,
  High = 2,
}

const notSeven = (n: number | null | undefined) => n !== 7;
/** A twin with no rule of its own: it must not excuse the field's checks. */
const twin: SqlRules = () => 'TRUE';

/** One field `n` per type: the constructs whose checks the compiler once dropped. */
const CASES: readonly (readonly [string, DataSchema['shape'][string], SqlRules?])[] = [
  ['OPT_DECIMAL', field(z.number().optional(), { type: decimal(5, 2) })],
  ['NULL_DECIMAL', field(z.number().nullable(), { type: decimal(5, 2) })],
  ['DEFAULT_DECIMAL', field(z.number().default(1), { type: decimal(5, 2) })],
  ['BAD_DEFAULT', field(z.number().default(1.234), { type: decimal(5, 2) })],
  ['OPT_INTEGER', field(z.number().optional(), { type: 'integer' })],
  ['OPT_REFINED', field(z.number().optional().refine(notSeven), { type: 'float' })],
  ['NULL_REFINED', field(z.number().nullable().refine(notSeven), { type: 'float' })],
  ['DEFAULT_REFINED', field(z.number().default(1).refine(notSeven), { type: 'float' })],
  ['TWICE', field(field(z.number(), { type: decimal(5, 2) }).min(0), { type: decimal(10, 4) })],
  ['TWIN_FIELD_REFINE', field(z.number().refine(notSeven), { type: 'float' }), twin],
  ['TWIN_DATA_ONLY', dataOnly(field(z.number(), { type: decimal(5, 2) })), twin],
  [
    'TWIN_COVERS',
    field(z.number().refine(notSeven, { params: { code: 'not_seven' } }), { type: 'float' }),
    { covers: ['not_seven'], sql: (f) => `${f.value('event_data.n')} <> 7` },
  ],
  [
    'TWIN_COVERS_OTHER',
    field(z.number().refine(notSeven, { params: { code: 'not_seven' } }), { type: 'float' }),
    { covers: ['something_else'], sql: () => 'TRUE' },
  ],
  ['NATIVE_ENUM', field(z.enum(Level), { type: 'variant' })],
];

const registry = createRegistry(
  CASES.map(([type, n, sqlRules]) =>
    defineEvent({
      type,
      version: 1,
      description: `n as ${type}`,
      productId: 'none',
      customerId: 'none',
      data: z.strictObject({ n }),
      ...(sqlRules === undefined ? {} : { sqlRules }),
    }),
  ),
);

const VALUES = [
  7,
  8,
  1,
  1.23,
  1.234,
  0.5,
  -3,
  999.99,
  1000,
  123456,
  99999.99,
  1e-7,
  2 ** 53,
  'Low',
  'x',
  null,
  true,
];

function line(type: string, n: unknown): string {
  return JSON.stringify({
    event_id: '963e5ff1-da35-4206-acce-a70e324f3c90',
    event_type: type,
    event_timestamp: '2025-10-19T08:00:00.000Z',
    event_data: n === undefined ? {} : { n },
    source: { producer: 'p', schema_version: 1 },
  });
}

describe('SQL validation never accepts what the registry rejects', () => {
  it('compiles the checks of wrappers, of fields declared twice and of dataOnly decimals, and leaves unknown refinements to JavaScript', () => {
    const compiled = compileRegistry(registry);
    expect([...(compiled?.fallback.keys() ?? [])].sort()).toEqual([
      'DEFAULT_REFINED',
      'NULL_REFINED',
      'OPT_REFINED',
      'TWIN_COVERS_OTHER',
      'TWIN_FIELD_REFINE',
    ]);
    expect(compiled?.fallback.get('TWIN_FIELD_REFINE')).toMatch(/covers/);
  });

  it.each(CASES.map(([type]) => type))('agrees with registry.parse on %s for every value', async (type) => {
    const lines = [undefined, ...VALUES].map((n) => line(type, n));
    const counts = expectAgreement(await both(wh, registry, lines));
    expect(counts.V + counts.X + counts.U).toBe(lines.length);
  });

  it('agrees with registry.parse on every construct and value (property)', async () => {
    const arbitrary = fc
      .tuple(fc.constantFrom(...CASES.map(([type]) => type)), fc.constantFrom(undefined, ...VALUES))
      .map(([type, n]) => line(type, n));
    const counts = expectAgreement(await both(wh, registry, fc.sample(arbitrary, { numRuns: 400, seed: 5 })));
    expect(counts.V).toBeGreaterThan(30);
    expect(counts.X).toBeGreaterThan(30);
  }, 60_000);

  it('compiles only registries createRegistry built, not look-alikes with a stricter parse', () => {
    const stricter: EventParser['parse'] = () => ({
      ok: false,
      error: { issues: [{ path: [], code: 'nope', message: 'stricter' }] },
    });
    const lookAlike = Object.freeze({ ...wineShopRegistry, parse: stricter }) as EventParser;
    expect(compileRegistry(lookAlike)).toBeUndefined();
    expect(compileRegistry(wineShopRegistry)?.compiled).toEqual(wineShopRegistry.types);
  });
});
