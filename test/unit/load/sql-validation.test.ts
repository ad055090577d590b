import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decimal } from '../../../src/events/column-types.js';
import { defineEvent } from '../../../src/events/define-event.js';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { field } from '../../../src/events/field.js';
import { createRegistry } from '../../../src/events/registry.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { compileRegistry } from '../../../src/load/sql-validation/registry-compiler.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { faultyLines, generatedEvents, mutatedLine } from './event-mutations.js';
import { both, expectAgreement } from './sql-agreement.js';

let wh: DuckDbWarehouse;

beforeAll(async () => {
  wh = await DuckDbWarehouse.open();
});
afterAll(async () => wh.close());

describe('validation compiled to DuckDB SQL', () => {
  it.each([
    ['wine shop', wineShopRegistry],
    ['dropshipping', dropshippingRegistry],
  ])('compiles every %s type, so no generated event needs JavaScript', (_, registry) => {
    const compiled = compileRegistry(registry);
    expect(compiled?.fallback.size).toBe(0);
    expect(compiled?.compiled).toEqual(registry.types);
  });

  it('accepts every generated event with exactly the RAW values of the JavaScript path', async () => {
    const events = generatedEvents(600, 11);
    const counts = expectAgreement([
      ...(await both(
        wh,
        wineShopRegistry,
        events.slice(0, 300).map((e) => JSON.stringify(e)),
      )),
      ...(await both(
        wh,
        dropshippingRegistry,
        events.slice(300).map((e) => JSON.stringify(e)),
      )),
    ]);
    expect(counts).toEqual({ V: 600, X: 0, U: 0 });
  }, 60_000);

  it('agrees with the registry on every injected fault', async () => {
    const events = generatedEvents(400, 12);
    const counts = expectAgreement([
      ...(await both(wh, wineShopRegistry, faultyLines(events.slice(0, 200), 3))),
      ...(await both(wh, dropshippingRegistry, faultyLines(events.slice(200), 4))),
    ]);
    expect(counts.X).toBeGreaterThan(100);
  }, 60_000);

  it('agrees with the registry on field-level mutations (property)', async () => {
    const events = generatedEvents(200, 13);
    for (const [registry, pool, seed] of [
      [wineShopRegistry, events.slice(0, 100), 1],
      [dropshippingRegistry, events.slice(100), 2],
    ] as const) {
      const lines = fc.sample(mutatedLine(pool), { numRuns: 1500, seed });
      const counts = expectAgreement(await both(wh, registry, lines));
      // Most mutations are decided in SQL; JavaScript only settles the ambiguous few.
      expect(counts.U).toBeLessThan(counts.V + counts.X);
    }
  }, 120_000);

  it('agrees with the registry on optional, nullable, default, boolean, literal and nested fields (property)', async () => {
    const note = defineEvent({
      type: 'NOTE',
      version: 2,
      description: 'Every wrapper the compiler reads',
      productId: 'required',
      customerId: z.string().regex(/^C\d+$/),
      data: z.strictObject({
        title: field(z.string().min(2).max(5), { type: 'string' }),
        flag: field(z.boolean(), { type: 'boolean' }).optional(),
        level: field(z.literal([1, 2, 'max']), { type: 'variant' }).nullable(),
        tag: field(z.enum(['a', 'b']), { type: 'string' }).default('a'),
        score: field(z.number().gt(-1).lte(100), { type: decimal(5, 1) })
          .nullable()
          .optional(),
        meta: z
          .strictObject({
            n: field(z.int().min(0), { type: 'integer' }),
            on: field(z.null(), { type: 'variant' }).optional(),
          })
          .optional(),
      }),
    });
    const junk = fc.constantFrom(null, true, 0, -1, 1.5, 100.05, 'abc', 'abcdef', '🍷🍷', {}, [], 'x');
    const mostly = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });
    const meta = fc.record(
      {
        n: fc.oneof({ weight: 4, arbitrary: fc.nat() }, fc.double(), fc.string()),
        on: fc.constantFrom(null, 0),
      },
      { requiredKeys: ['n'] },
    );
    const data = fc
      .record(
        {
          title: mostly(fc.constantFrom('ab', 'abcde', '🍷🍷🍷', 'é\n"\\')),
          flag: mostly(fc.boolean()),
          level: mostly(fc.constantFrom(1, 2, 'max', null, 1.0)),
          tag: mostly(fc.constantFrom('a', 'b')),
          score: mostly(fc.constantFrom(null, 0, 99.9, 100, -0.5, 12.3, 1e-7)),
          meta: mostly(meta),
        },
        { requiredKeys: [] },
      )
      // An unknown key now and then, deterministically.
      .map((d) => (d.flag === false && d.tag === 'b' ? { ...d, other: 1 } : d));
    const line = fc
      .tuple(
        data,
        mostly(fc.constantFrom('P1', 'P2', '')),
        mostly(fc.constantFrom('C12', 'C1', 'X')),
        mostly(fc.constant(2)),
      )
      .map(([event_data, product, customer, version]) =>
        JSON.stringify({
          event_id: '963e5ff1-da35-4206-acce-a70e324f3c90',
          event_type: 'NOTE',
          event_timestamp: '2025-10-19T08:00:00.000Z',
          product_id: product,
          customer_id: customer,
          event_data: { title: 'abc', level: 1, ...event_data },
          source: { producer: 'p', schema_version: version },
        }),
      );
    const registry = createRegistry([note]);
    expect(compileRegistry(registry)?.compiled).toEqual(['NOTE']);
    const counts = expectAgreement(await both(wh, registry, fc.sample(line, { numRuns: 1500, seed: 9 })));
    expect(counts.V).toBeGreaterThan(50);
    expect(counts.X).toBeGreaterThan(50);
  }, 120_000);

  it('leaves a type with a refinement and no SQL twin to JavaScript, and never guesses', () => {
    const refined = defineEvent({
      type: 'PING',
      version: 1,
      description: 'A ping',
      productId: 'none',
      customerId: 'none',
      data: z.strictObject({
        n: field(
          z.number().refine((n) => n !== 7),
          { type: 'float' },
        ),
      }),
    });
    const plain = defineEvent({
      type: 'PONG',
      version: 1,
      description: 'A pong',
      data: z.strictObject({ n: field(z.int(), { type: 'integer' }) }),
    });
    const compiled = compileRegistry(createRegistry([refined, plain]));
    expect(compiled?.compiled).toEqual(['PONG']);
    expect(compiled?.fallback.get('PING')).toMatch(/sqlRules/);
    expect(compileRegistry({ parse: (input) => wineShopRegistry.parse(input) })).toBeUndefined();
  });
});
