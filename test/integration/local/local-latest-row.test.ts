import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { priceSpec } from './price-spec.js';

/** One PRICE_SET event; `hour` is its EFFECTIVE_AT on a fixed day, null when the field is missing. */
interface Price {
  readonly eventId: string;
  readonly product: string;
  readonly priceId: string;
  readonly price: number;
  readonly hour: number | null;
}

/** Whether `a` is a later version than `b`: a missing time ranks below any time, then higher EVENT_ID. */
function later(a: Price, b: Price): boolean {
  if ((a.hour === null) !== (b.hour === null)) return a.hour !== null;
  if (a.hour !== null && b.hour !== null && a.hour !== b.hour) return a.hour > b.hour;
  return a.eventId > b.eventId;
}

function latestBy(batch: readonly Price[], key: (p: Price) => string): Map<string, Price> {
  const latest = new Map<string, Price>();
  for (const p of batch) {
    const seen = latest.get(key(p));
    if (seen === undefined || later(p, seen)) latest.set(key(p), p);
  }
  return latest;
}

/**
 * PRODUCTION computed in memory, batch after batch: PRICES takes a product's latest price of a
 * batch unless it holds a strictly newer EFFECTIVE_AT (a missing time never replaces nor is
 * replaced); PRICE_LOG keeps the first batch's latest row of each PRICE_ID.
 */
function expected(batches: readonly (readonly Price[])[]) {
  const prices = new Map<string, Price>();
  const log = new Map<string, Price>();
  for (const batch of batches) {
    for (const [product, p] of latestBy(batch, (x) => x.product)) {
      const held = prices.get(product);
      const newer = held?.hour != null && p.hour !== null && p.hour > held.hour;
      if (held === undefined || newer) prices.set(product, p);
    }
    for (const [id, p] of latestBy(batch, (x) => x.priceId)) if (!log.has(id)) log.set(id, p);
  }
  const rows = (m: Map<string, Price>) =>
    [...m.values()]
      .map((p) => ({
        PRODUCT_ID: p.product,
        PRICE_ID: p.priceId,
        PRICE: p.price,
        H: p.hour,
        EVENT_ID: p.eventId,
      }))
      .sort((x, y) => (x.PRODUCT_ID + x.PRICE_ID < y.PRODUCT_ID + y.PRICE_ID ? -1 : 1));
  return { prices: rows(prices), log: rows(log) };
}

async function land(local: LocalPipeline, batch: readonly Price[]): Promise<void> {
  for (const p of batch) {
    const data = {
      price_id: p.priceId,
      price: p.price,
      ...(p.hour === null ? {} : { effective_at: `2026-11-23T${p.hour}:00:00.000Z` }),
    };
    await local.warehouse.execute(
      `INSERT INTO RAW_DATA.RAW_EVENTS_STREAM ("EVENT_ID", "EVENT_TYPE", "EVENT_TIMESTAMP", "PRODUCT_ID",
         "CUSTOMER_ID", "EVENT_DATA", "EVENT_METADATA", "INGESTION_TIMESTAMP")
       VALUES (?, 'PRICE_SET', TIMESTAMP '2026-11-23 09:00:00', ?, NULL, CAST(? AS JSON), NULL, (now() AT TIME ZONE 'UTC'))`,
      [p.eventId, p.product, JSON.stringify(data)],
    );
  }
}

async function production(local: LocalPipeline) {
  const read = (table: string) =>
    local.warehouse.execute(
      `SELECT PRODUCT_ID, PRICE_ID, CAST(PRICE AS DOUBLE) AS PRICE, CAST(hour(EFFECTIVE_AT) AS INTEGER) AS H, EVENT_ID
       FROM PRODUCTION.${table} ORDER BY PRODUCT_ID || PRICE_ID`,
    );
  return { prices: await read('PRICES'), log: await read('PRICE_LOG') };
}

const price = fc.record({
  product: fc.constantFrom('PROD-001', 'PROD-002', 'PROD-003'),
  priceId: fc.constantFrom('PR-A', 'PR-B', 'PR-C', 'PR-D'),
  price: fc.integer({ min: 1, max: 9_999 }).map((cents) => cents / 100),
  hour: fc.constantFrom(10, 11, 12, null),
});

describe('local mode: the latest row per key, by a version that may be missing', () => {
  const opened: LocalPipeline[] = [];
  const open = async () => {
    const local = await LocalPipeline.open({ spec: priceSpec() });
    opened.push(local);
    return local;
  };

  afterEach(async () => {
    for (const local of opened.splice(0)) await local.close();
  });

  it('never lets an undated price win over a dated one; among undated prices the highest EVENT_ID wins', async () => {
    const local = await open();
    const batch: Price[] = [
      { eventId: 'EV-3', product: 'PROD-001', priceId: 'PR-A', price: 3, hour: null },
      { eventId: 'EV-1', product: 'PROD-001', priceId: 'PR-B', price: 1, hour: 10 },
      { eventId: 'EV-2', product: 'PROD-002', priceId: 'PR-C', price: 2, hour: null },
      { eventId: 'EV-4', product: 'PROD-002', priceId: 'PR-D', price: 4, hour: null },
    ];
    await land(local, batch);
    await local.runUntilIdle();
    expect((await production(local)).prices).toEqual([
      { PRODUCT_ID: 'PROD-001', PRICE_ID: 'PR-B', PRICE: 1, H: 10, EVENT_ID: 'EV-1' },
      { PRODUCT_ID: 'PROD-002', PRICE_ID: 'PR-D', PRICE: 4, H: null, EVENT_ID: 'EV-4' },
    ]);
  });

  it('holds in PRODUCTION what the in-memory computation gives, over random batches with ties and missing times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(price, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 99_999 }), { minLength: 36, maxLength: 36 }),
        async (shapes, ids) => {
          // EVENT_IDs in an order unrelated to landing order, so ties are broken by EVENT_ID alone.
          let next = 0;
          const batches = shapes.map((batch) =>
            batch.map((p) => ({ ...p, eventId: `EV-${String(ids[next++]).padStart(5, '0')}` })),
          );
          const local = await open();
          for (const batch of batches) {
            await land(local, batch);
            const runs = await local.runUntilIdle();
            expect(runs.filter((r) => r.state === 'FAILED')).toEqual([]);
          }
          expect(await production(local)).toEqual(expected(batches));
          await local.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});
