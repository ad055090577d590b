import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runChecks } from '../../../src/checks/run-checks.js';
import { wineShopChecks } from '../../../src/checks/wine-shop-checks.js';
import type { WineShopEvent } from '../../../src/events/wine-shop.js';
import type { SnowflakeWarehouse } from '../../../src/warehouse/snowflake/snowflake-warehouse.js';
import { notPassing, orderLike, recentEvents } from './local-run.js';
import { createWineShopTables, freshDatabase, insertRaw, insertThroughLayers } from './snowflake-fixture.js';

const MINUTE = 60_000;
const HEALTH = { failed_tasks: 'ERROR', suspended_tasks: 'ERROR', stale_streams: 'ERROR' };

describe('runChecks in the Snowflake dialect (fakesnow)', () => {
  let warehouse: SnowflakeWarehouse;
  let database: string;
  let events: WineShopEvent[];
  // The clean data was moved 50 minutes ago: fresh enough, and older than anything a fault adds.
  const movedAt = () => new Date(Date.now() - 50 * MINUTE);
  const check = (skip: readonly string[] = ['health']) =>
    runChecks({ warehouse, ...wineShopChecks, database, skip });
  const anOrder = () => {
    const order = events.find((e) => e.event_type === 'ORDER_CREATED');
    if (order === undefined) throw new Error('the seeded run has no order');
    return order;
  };

  beforeEach(async () => {
    ({ warehouse, database } = await freshDatabase(inject('fakesnowUrl')));
    await createWineShopTables(warehouse);
    events = recentEvents(30).map((e) => ({
      ...e,
      event_timestamp: new Date(Date.now() - 51 * MINUTE).toISOString(),
    }));
    await insertThroughLayers(warehouse, events, movedAt());
  });

  afterEach(async () => {
    await warehouse.close();
  });

  it('reports the health checks as ERROR (exit 3), since the emulator has no TASK_HISTORY or SHOW … ->>', async () => {
    const report = await check([]);
    expect(notPassing(report)).toEqual(HEALTH);
    expect(report).toMatchObject({
      status: 'ERROR',
      exitCode: 3,
      target: { dialect: 'snowflake', database },
    });
    const failed = report.checks.find((c) => c.name === 'failed_tasks');
    expect(failed?.message).toMatch(/^could not run: /);
    expect(failed?.sql).toContain('INFORMATION_SCHEMA.TASK_HISTORY');
  });

  it('passes everything else on clean data, the health checks reported as SKIP when skipped by configuration', async () => {
    const report = await check();
    const skipped = Object.fromEntries(Object.keys(HEALTH).map((name) => [name, 'SKIP']));
    expect(notPassing(report)).toEqual(skipped);
    expect(report).toMatchObject({ status: 'PASS', exitCode: 0 });
    expect(report.checks.length).toBeGreaterThan(15);
  });

  it('a repeated EVENT_ID in RAW fails only duplicates_raw_events_stream (exit 2)', async () => {
    await insertRaw(warehouse, [anOrder()], movedAt());
    const report = await check();
    expect(withoutHealth(notPassing(report))).toEqual({ duplicates_raw_events_stream: 'FAIL' });
    expect(report.exitCode).toBe(2);
  });

  it('a negative price fails only ranges_stg_orders (exit 2)', async () => {
    const bad = orderLike(anOrder(), (d) =>
      Object.assign(d, { quantity: 3, unit_price: -4, discount: 0, total_amount: -12 }),
    );
    await insertThroughLayers(warehouse, [bad], movedAt());
    const report = await check();
    expect(withoutHealth(notPassing(report))).toEqual({ ranges_stg_orders: 'FAIL' });
    expect(report.exitCode).toBe(2);
  });

  it('an order missing a required field, left in RAW, fails only required_fields_order_created (exit 2)', async () => {
    await insertRaw(warehouse, [orderLike(anOrder(), (d) => delete d.product_category)], movedAt());
    const report = await check();
    expect(withoutHealth(notPassing(report))).toEqual({ required_fields_order_created: 'FAIL' });
    expect(report.exitCode).toBe(2);
  });

  it('a late event only warns in late_events (exit 1)', async () => {
    const late = {
      ...orderLike(anOrder(), () => undefined),
      event_timestamp: new Date(Date.now() - 3 * 60 * MINUTE).toISOString(),
    };
    await insertThroughLayers(warehouse, [late], movedAt());
    const report = await check();
    expect(withoutHealth(notPassing(report))).toEqual({ late_events: 'WARN' });
    expect(report.exitCode).toBe(1);
  });

  it('a stalled task, RAW orders waiting 40 minutes for PRODUCTION, fails only latency_orders (exit 2)', async () => {
    const waitingSince = new Date(Date.now() - 40 * MINUTE);
    const waiting = recentEvents(10, 7)
      .filter((e) => e.event_type === 'ORDER_CREATED')
      .map((e) => ({ ...e, event_timestamp: waitingSince.toISOString() }));
    await insertRaw(warehouse, waiting, waitingSince);
    const report = await check();
    expect(withoutHealth(notPassing(report))).toEqual({ latency_orders: 'FAIL' });
    expect(report.checks.find((c) => c.name === 'latency_orders')?.value).toBeGreaterThanOrEqual(39);
    expect(report.exitCode).toBe(2);
  });
});

function withoutHealth(statuses: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(statuses).filter(([, s]) => s !== 'SKIP'));
}
