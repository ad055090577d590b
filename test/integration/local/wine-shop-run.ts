import { expect } from 'vitest';
import type { WineShopEvent } from '../../../src/events/wine-shop.js';
import { createGenerator } from '../../../src/generate/generator.js';
import { wineShop } from '../../../src/generate/wine-shop/domain.js';
import type { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { landThroughSink } from '../support/land-local.js';

/** The first `count` events of a seeded wine-shop run; `skip` drops the ones a previous slice took. */
export function wineShopEvents(count: number, skip = 0, seed = 20261123): WineShopEvent[] {
  return createGenerator(wineShop, { seed })
    .take(skip + count)
    .slice(skip);
}

/** Lands valid events in RAW the way a deployment does; none may be dead-lettered. */
export async function land(local: LocalPipeline, events: readonly WineShopEvent[]): Promise<void> {
  const deadLetters = await landThroughSink(local, events, { batchSize: 250, sink: { maxBatchEvents: 500 } });
  expect(deadLetters.letters).toEqual([]);
}

/** What STAGING and PRODUCTION must hold once every event went through. */
export interface LayerCounts {
  readonly stgOrders: number;
  readonly orders: number;
  readonly stgAdjustments: number;
  readonly history: number;
  /** PRODUCT_ID → CURRENT_STOCK_LEVEL. */
  readonly levels: Readonly<Record<string, number>>;
}

/** Derived from the events alone: distinct orders, every adjustment, each product's latest level. */
export function expectedLayers(events: readonly WineShopEvent[]): LayerCounts {
  const orderIds = new Set<string>();
  const adjustmentIds = new Set<string>();
  const latest = new Map<string, { at: string; level: number }>();
  let stgOrders = 0;
  let stgAdjustments = 0;
  for (const event of events) {
    if (event.event_type === 'ORDER_CREATED') {
      stgOrders += 1;
      orderIds.add(event.event_data.order_id);
      continue;
    }
    stgAdjustments += 1;
    adjustmentIds.add(event.event_data.adjustment_id);
    const product = String(event.product_id);
    const seen = latest.get(product);
    // ISO 8601 UTC text of one width sorts like time; the pipeline keeps the newest by event time.
    if (seen === undefined || event.event_timestamp > seen.at) {
      latest.set(product, { at: event.event_timestamp, level: event.event_data.new_stock_level });
    }
  }
  const levels = Object.fromEntries([...latest].map(([product, { level }]) => [product, level]));
  return { stgOrders, orders: orderIds.size, stgAdjustments, history: adjustmentIds.size, levels };
}

/** What STAGING and PRODUCTION hold now. */
export async function actualLayers(local: LocalPipeline): Promise<LayerCounts> {
  const count = async (table: string) =>
    Number((await local.warehouse.execute(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
  const rows = await local.warehouse.execute(
    'SELECT PRODUCT_ID, CAST(CURRENT_STOCK_LEVEL AS INTEGER) AS LEVEL FROM PRODUCTION.INVENTORY_CURRENT',
  );
  return {
    stgOrders: await count('STAGING.STG_ORDERS'),
    orders: await count('PRODUCTION.ORDERS'),
    stgAdjustments: await count('STAGING.STG_INVENTORY_ADJUSTMENTS'),
    history: await count('PRODUCTION.INVENTORY_HISTORY'),
    levels: Object.fromEntries(rows.map((r) => [String(r.PRODUCT_ID), Number(r.LEVEL)])),
  };
}

/** Task name → state, for one runOnce. */
export function states(runs: readonly { name: string; state: string }[]): Record<string, string> {
  return Object.fromEntries(runs.map((r) => [r.name.replace(/^RAW_DATA\./, ''), r.state]));
}
