import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalTaskStartInfo } from '../../../src/local/local-events.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { waitFor } from '../../setup/services.js';
import { actualLayers, expectedLayers, land, states, wineShopEvents } from './wine-shop-run.js';

const INVENTORY_SUCCEEDED = {
  TASK_RAW_TO_STAGING_INVENTORY: 'SUCCEEDED',
  TASK_STAGING_TO_PROD_INVENTORY_HISTORY: 'SUCCEEDED',
  TASK_STAGING_TO_PROD_INVENTORY_CURRENT: 'SUCCEEDED',
};

describe('LocalPipeline when a task fails, and on a timer', () => {
  let local: LocalPipeline;
  const rename = (from: string, to: string) => local.warehouse.execute(`ALTER TABLE ${from} RENAME TO ${to}`);

  beforeEach(async () => {
    local = await LocalPipeline.open();
  });

  afterEach(async () => {
    await local.close();
  });

  it('records a failed root as FAILED, skips its child, leaves its stream unconsumed, and loses nothing after the fix', async () => {
    const events = wineShopEvents(600);
    await land(local, events);
    await rename('STAGING.STG_ORDERS', 'STG_ORDERS_AWAY');

    const failed = await local.runOnce();

    expect(states(failed)).toEqual({
      TASK_RAW_TO_STAGING_ORDERS: 'FAILED',
      TASK_STAGING_TO_PROD_ORDERS: 'SKIPPED',
      ...INVENTORY_SUCCEEDED,
    });
    expect(failed.find((r) => r.state === 'SKIPPED')?.skipReason).toBe('parent_not_succeeded');
    expect(await local.streamHasData('STREAM_RAW_ORDERS')).toBe(true);
    expect(await local.streamHasData('STREAM_RAW_INVENTORY')).toBe(false);
    const [row] = await local.warehouse.execute(
      `SELECT NAME, STATE, ERROR_CODE, ERROR_MESSAGE, SCHEDULED_TIME, COMPLETED_TIME
       FROM EVENTFLAKE_LOCAL.TASK_HISTORY WHERE STATE = 'FAILED' ORDER BY SCHEDULED_TIME DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ NAME: 'TASK_RAW_TO_STAGING_ORDERS', ERROR_CODE: 'ERR_DUCKDB_QUERY' });
    expect(String(row?.ERROR_MESSAGE)).toContain('STG_ORDERS');

    await rename('STAGING.STG_ORDERS_AWAY', 'STG_ORDERS');
    const fixed = await local.runOnce();

    expect(states(fixed)).toMatchObject({
      TASK_RAW_TO_STAGING_ORDERS: 'SUCCEEDED',
      TASK_STAGING_TO_PROD_ORDERS: 'SUCCEEDED',
    });
    expect(await actualLayers(local)).toEqual(expectedLayers(events));
  });

  it('keeps a failed child’s stream until its graph runs again, as Snowflake does, then delivers it all', async () => {
    const first = wineShopEvents(500);
    const later = wineShopEvents(100, 500);
    await land(local, first);
    await rename('PRODUCTION.ORDERS', 'ORDERS_AWAY');
    expect(states(await local.runOnce())).toMatchObject({
      TASK_RAW_TO_STAGING_ORDERS: 'SUCCEEDED',
      TASK_STAGING_TO_PROD_ORDERS: 'FAILED',
    });
    await rename('PRODUCTION.ORDERS_AWAY', 'ORDERS');

    const idleRoot = await local.runOnce();
    expect(idleRoot.every((r) => r.skipReason === 'no_data')).toBe(true);
    expect(await local.streamHasData('STAGING.STREAM_STG_ORDERS')).toBe(true);

    await land(local, later);
    expect(states(await local.runOnce())).toMatchObject({ TASK_STAGING_TO_PROD_ORDERS: 'SUCCEEDED' });
    expect(await actualLayers(local)).toEqual(expectedLayers([...first, ...later]));
  });

  it('suspends a graph after SUSPEND_TASK_AFTER_NUM_FAILURES failed runs until it is resumed; other graphs go on', async () => {
    const limit = local.spec.tasks[0]?.suspendAfterFailures;
    expect(limit).toBe(3);
    const suspended: string[] = [];
    local.on('graph.suspended', ({ root }) => suspended.push(root));
    await rename('STAGING.STG_ORDERS', 'STG_ORDERS_AWAY');
    for (let run = 0; run < 3; run += 1) {
      await land(local, wineShopEvents(50, run * 50));
      expect(states(await local.runOnce())).toMatchObject({ TASK_RAW_TO_STAGING_ORDERS: 'FAILED' });
    }
    expect(suspended).toEqual(['RAW_DATA.TASK_RAW_TO_STAGING_ORDERS']);
    await rename('STAGING.STG_ORDERS_AWAY', 'STG_ORDERS');
    await land(local, wineShopEvents(50, 150));

    const whileSuspended = await local.runOnce();
    expect(whileSuspended.slice(0, 2).map((r) => r.skipReason)).toEqual(['suspended', 'suspended']);
    expect(states(whileSuspended)).toMatchObject(INVENTORY_SUCCEEDED);
    expect(await local.runUntilIdle()).toEqual([]);

    await local.resumeTask('TASK_RAW_TO_STAGING_ORDERS');
    await local.runUntilIdle();
    expect(await actualLayers(local)).toEqual(expectedLayers(wineShopEvents(200)));
  });

  it('stops runUntilIdle after a failed run instead of retrying forever', async () => {
    await land(local, wineShopEvents(100));
    await rename('STAGING.STG_INVENTORY_ADJUSTMENTS', 'STG_AWAY');
    const runs = await local.runUntilIdle();
    expect(runs.filter((r) => r.state === 'FAILED').map((r) => r.name)).toEqual([
      'RAW_DATA.TASK_RAW_TO_STAGING_INVENTORY',
    ]);
  });

  it('runs on a timer while a sink keeps landing, one graph run at a time, until stopped', async () => {
    const events = wineShopEvents(1_500);
    let inFlight = 0;
    let overlapped = false;
    const seen: LocalTaskStartInfo[] = [];
    local.on('task.start', (info) => {
      seen.push(info);
      inFlight += 1;
      overlapped ||= inFlight > 1;
    });
    local.on('task.end', ({ skipReason }) => {
      if (skipReason === null) inFlight -= 1;
    });
    local.start({ intervalMs: 5 });
    for (let i = 0; i < events.length; i += 300) await land(local, events.slice(i, i + 300));
    const expected = expectedLayers(events);
    await waitFor('every landed event in PRODUCTION', async () => {
      const actual = await actualLayers(local);
      return actual.stgOrders === expected.stgOrders && actual.history === expected.history;
    });
    await local.stop();

    expect(await actualLayers(local)).toEqual(expected);
    expect(overlapped).toBe(false);
    expect(seen.length).toBeGreaterThan(0);
    const history = await local.taskHistory();
    expect(history.filter((r) => r.state === 'FAILED')).toEqual([]);
    const afterStop = history.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await local.taskHistory()).length).toBe(afterStop);
  });
});
