import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WineShopEvent } from '../../../src/events/wine-shop.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import type { LocalTaskRun } from '../../../src/local/task-history.js';
import { expectedProduction, staleOverwriteHazards } from './support/expected-production.js';
import { type FaultyRun, faultyWineShopRun, land, slices } from './support/landing.js';

/**
 * End to end in local mode: 100,000 generated wine-shop events with duplicates and late events,
 * landed through the BatchSink, the task DAG run to quiescence after each of several landings.
 * PRODUCTION must equal a plain computation over the same events.
 */
describe('local mode end to end, 100,000 events with duplicates and late events', () => {
  let run: FaultyRun;
  let sliced: WineShopEvent[][];
  let local: LocalPipeline;
  const runs: LocalTaskRun[] = [];

  beforeAll(async () => {
    run = faultyWineShopRun({
      events: 100_000,
      seed: 424242,
      duplicateRate: 0.02,
      lateRate: 0.02,
      lateByEvents: 2_000,
    });
    // Four landings, each followed by graph runs until idle, so late events meet processed rows.
    sliced = slices(run.delivered, 4);
    local = await LocalPipeline.open();
    for (const slice of sliced) {
      await land(local.warehouse, local.rawTable, slice);
      runs.push(...(await local.runUntilIdle()));
    }
  }, 600_000);

  afterAll(async () => {
    await local?.close();
  });

  it('delivered duplicates and late events, some of them older than stock already in PRODUCTION', () => {
    expect(run.stats.sourceEvents).toBe(100_000);
    expect(run.stats.duplicate).toBeGreaterThan(1_000);
    expect(run.stats.late).toBeGreaterThan(1_000);
    expect(staleOverwriteHazards(sliced)).toBeGreaterThan(0);
  });

  it('ran every task to success and left no stream with data', async () => {
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter((r) => r.state !== 'SUCCEEDED' && r.state !== 'SKIPPED')).toEqual([]);
    for (const stream of local.spec.streams) {
      expect(await local.streamHasData(`${stream.name.schema}.${stream.name.name}`)).toBe(false);
    }
  });

  it('holds every distinct order once, with revenue equal to the cent', async () => {
    const expected = expectedProduction(run.delivered);
    const [row] = await local.warehouse.execute(
      `SELECT COUNT(*) AS "ORDERS", COUNT(DISTINCT "ORDER_ID") AS "DISTINCT_ORDERS",
  CAST(SUM("TOTAL_AMOUNT") * 100 AS BIGINT) AS "REVENUE_CENTS"
FROM PRODUCTION.ORDERS`,
    );
    expect({
      orders: Number(row?.ORDERS),
      distinct: Number(row?.DISTINCT_ORDERS),
      revenueCents: Number(row?.REVENUE_CENTS),
    }).toEqual({ orders: expected.orders, distinct: expected.orders, revenueCents: expected.revenueCents });
  });

  it('holds each product at the stock level of its newest adjustment', async () => {
    const rows = await local.warehouse.execute(
      'SELECT "PRODUCT_ID", CAST("CURRENT_STOCK_LEVEL" AS INTEGER) AS "LEVEL" FROM PRODUCTION.INVENTORY_CURRENT',
    );
    const actual = Object.fromEntries(rows.map((r) => [String(r.PRODUCT_ID), Number(r.LEVEL)]));
    expect(actual).toEqual(expectedProduction(run.delivered).stock);
  });
});
