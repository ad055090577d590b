import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/checks/run-checks.js';
import { wineShopChecks } from '../../../src/checks/wine-shop-checks.js';
import type { OrderCreatedEvent, WineShopEvent } from '../../../src/events/wine-shop.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { land } from '../local/wine-shop-run.js';
import { insertRawEvent, landWithFaults, notPassing, orderLike, recentEvents } from './local-run.js';

const firstOrder = (events: readonly WineShopEvent[]): OrderCreatedEvent => {
  const order = events.find((e): e is OrderCreatedEvent => e.event_type === 'ORDER_CREATED');
  if (order === undefined) throw new Error('the seeded run has no order');
  return order;
};

describe('runChecks on local mode (DuckDB)', () => {
  let local: LocalPipeline;
  let events: WineShopEvent[];
  const check = () => runChecks({ warehouse: local.warehouse, ...wineShopChecks });

  beforeEach(async () => {
    local = await LocalPipeline.open();
    events = recentEvents(500);
  });

  afterEach(async () => {
    await local.close();
  });

  it('passes every check on a clean seeded run, with exact counts that account for dead letters and repeats', async () => {
    const delivery = await landWithFaults(local, events);
    await local.runUntilIdle();
    const byType: Record<string, number> = {};
    for (const e of events) byType[e.event_type] = (byType[e.event_type] ?? 0) + 1;

    const report = await runChecks({
      warehouse: local.warehouse,
      ...wineShopChecks,
      expected: { events: byType, delivery },
    });

    expect(delivery.deadLettered).toBeGreaterThan(0);
    expect(delivery.deduplicated).toBeGreaterThan(0);
    expect(notPassing(report)).toEqual({});
    expect(report).toMatchObject({
      status: 'PASS',
      exitCode: 0,
      target: { dialect: 'duckdb', database: 'CAVES_ALBERT_DB' },
    });
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['reconciliation_delivery', 'failed_tasks']),
    );
    expect(report.checks.find((c) => c.name === 'reconciliation_order_created')?.details.RAW_EVENTS).toBe(
      byType.ORDER_CREATED,
    );
  });

  it('fails exact reconciliation when RAW holds fewer events than the seeded run produced', async () => {
    await land(local, events.slice(1));
    await local.runUntilIdle();
    const type = events[0]?.event_type ?? 'ORDER_CREATED';
    const count = events.filter((e) => e.event_type === type).length;

    const report = await runChecks({
      warehouse: local.warehouse,
      ...wineShopChecks,
      expected: { events: { [type]: count } },
    });

    expect(notPassing(report)).toEqual({ [`reconciliation_${type.toLowerCase()}`]: 'FAIL' });
    expect(report.exitCode).toBe(2);
  });

  describe('with one fault injected after a clean run', () => {
    beforeEach(async () => {
      await land(local, events);
      await local.runUntilIdle();
    });

    it('a repeated EVENT_ID written to RAW by SQL fails only duplicates_raw_events_stream (exit 2)', async () => {
      await local.warehouse.execute(
        `INSERT INTO "RAW_DATA"."RAW_EVENTS_STREAM" SELECT * FROM "RAW_DATA"."RAW_EVENTS_STREAM" LIMIT 1`,
      );
      await local.runUntilIdle();
      const report = await check();
      expect(notPassing(report)).toEqual({ duplicates_raw_events_stream: 'FAIL' });
      expect(report.exitCode).toBe(2);
    });

    it('a negative price slipped in by SQL fails only ranges_stg_orders (exit 2)', async () => {
      await insertRawEvent(
        local,
        orderLike(firstOrder(events), (d) =>
          Object.assign(d, { quantity: 2, unit_price: -5, discount: 0, total_amount: -10 }),
        ),
      );
      await local.runUntilIdle();
      const report = await check();
      expect(notPassing(report)).toEqual({ ranges_stg_orders: 'FAIL' });
      expect(report.checks.find((c) => c.name === 'ranges_stg_orders')?.details).toMatchObject({
        UNIT_PRICE: 1,
        QUANTITY: 0,
      });
      expect(report.exitCode).toBe(2);
    });

    it('an order missing a required field, written by SQL, fails only required_fields_order_created (exit 2)', async () => {
      await insertRawEvent(
        local,
        orderLike(firstOrder(events), (d) => delete d.unit_price),
      );
      await local.runUntilIdle();
      const report = await check();
      expect(notPassing(report)).toEqual({ required_fields_order_created: 'FAIL' });
      expect(report.checks.find((c) => c.name === 'required_fields_order_created')?.details.UNIT_PRICE).toBe(
        1,
      );
      expect(report.exitCode).toBe(2);
    });

    it('an event that arrives two hours after it happened only warns in late_events (exit 1)', async () => {
      const order = firstOrder(events);
      const late: OrderCreatedEvent = {
        ...order,
        event_id: randomUUID(),
        event_timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        event_data: { ...order.event_data, order_id: 'ORD-20261123-999999' },
      };
      await land(local, [late]);
      await local.runUntilIdle();
      const report = await check();
      expect(notPassing(report)).toEqual({ late_events: 'WARN' });
      expect(report).toMatchObject({ status: 'WARN', exitCode: 1 });
    });

    it('a task that failed in the last hour fails only failed_tasks (exit 2)', async () => {
      await local.warehouse.execute('ALTER TABLE STAGING.STG_ORDERS RENAME TO STG_ORDERS_AWAY');
      await land(local, recentEvents(50, 99));
      await local.runOnce();
      await local.warehouse.execute('ALTER TABLE STAGING.STG_ORDERS_AWAY RENAME TO STG_ORDERS');
      const report = await check();
      expect(notPassing(report)).toEqual({ failed_tasks: 'FAIL' });
      expect(report.checks.find((c) => c.name === 'failed_tasks')?.message).toContain(
        'TASK_RAW_TO_STAGING_ORDERS',
      );
      expect(report.exitCode).toBe(2);
    });
  });
});
