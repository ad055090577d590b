import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import type { LocalTaskEndInfo } from '../../../src/local/local-events.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { actualLayers, expectedLayers, land, states, wineShopEvents } from './wine-shop-run.js';

const STREAMS = wineShopSpec.streams.map((s) => `${s.name.schema}.${s.name.name}`);
const ALL_SUCCEEDED = {
  TASK_RAW_TO_STAGING_ORDERS: 'SUCCEEDED',
  TASK_STAGING_TO_PROD_ORDERS: 'SUCCEEDED',
  TASK_RAW_TO_STAGING_INVENTORY: 'SUCCEEDED',
  TASK_STAGING_TO_PROD_INVENTORY_HISTORY: 'SUCCEEDED',
  TASK_STAGING_TO_PROD_INVENTORY_CURRENT: 'SUCCEEDED',
};

async function streamsWithData(local: LocalPipeline): Promise<string[]> {
  const flags = await Promise.all(STREAMS.map((s) => local.streamHasData(s)));
  return STREAMS.filter((_, i) => flags[i]);
}

describe('LocalPipeline on DuckDB', () => {
  const opened: LocalPipeline[] = [];
  const dirs: string[] = [];
  const open = async (path?: string) => {
    const local = await LocalPipeline.open(path === undefined ? {} : { path });
    opened.push(local);
    return local;
  };

  afterEach(async () => {
    for (const local of opened.splice(0)) await local.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('takes 2,000 landed events through STAGING to PRODUCTION, in DAG order, reporting each task', async () => {
    const local = await open();
    const events = wineShopEvents(2_000);
    await land(local, events);
    const ended: LocalTaskEndInfo[] = [];
    const started: string[] = [];
    local.on('task.start', ({ name }) => started.push(name));
    local.on('task.end', (info) => ended.push(info));

    const runs = await local.runUntilIdle();

    expect(states(runs)).toEqual(ALL_SUCCEEDED);
    expect(runs.map((r) => r.name)).toEqual(wineShopSpec.tasks.map((t) => `RAW_DATA.${t.name.name}`));
    const expected = expectedLayers(events);
    expect(expected.orders).toBeGreaterThan(1_000);
    expect(await actualLayers(local)).toEqual(expected);
    expect(await streamsWithData(local)).toEqual([]);
    const health = await local.warehouse.execute(
      'SELECT TABLE_NAME, CAST(ROW_COUNT AS INTEGER) AS N FROM MONITORING.PIPELINE_HEALTH ORDER BY TABLE_NAME',
    );
    expect(health.find((h) => h.TABLE_NAME === 'ORDERS')?.N).toBe(expected.orders);
    expect(started).toEqual(runs.map((r) => r.name));
    // Each RAW stream delivers every new RAW row; its task keeps one event type.
    const stagedOrders = ended.find((e) => e.name === 'RAW_DATA.TASK_RAW_TO_STAGING_ORDERS');
    expect(stagedOrders).toMatchObject({ state: 'SUCCEEDED', rows: events.length, skipReason: null });
    const mergedOrders = ended.find((e) => e.name === 'RAW_DATA.TASK_STAGING_TO_PROD_ORDERS');
    expect(mergedOrders?.rows).toBe(expected.stgOrders);
    expect(ended.every((e) => e.durationMs >= 0)).toBe(true);
  });

  it('skips every task when no stream has data, and records the skips', async () => {
    const local = await open();
    await land(local, wineShopEvents(300));
    await local.runOnce();
    const before = await actualLayers(local);

    const idle = await local.runOnce();

    expect(idle.map((r) => [r.state, r.skipReason])).toEqual(Array(5).fill(['SKIPPED', 'no_data']));
    expect(await actualLayers(local)).toEqual(before);
    const skipped = await local.warehouse.execute(
      `SELECT NAME, STATE, SKIP_REASON FROM EVENTFLAKE_LOCAL.TASK_HISTORY
       WHERE STATE = 'SKIPPED' AND NAME LIKE 'TASK_%' ORDER BY SCHEDULED_TIME`,
    );
    expect(skipped.map((r) => r.NAME)).toEqual(wineShopSpec.tasks.map((t) => t.name.name));
    expect(await local.runUntilIdle()).toEqual([]);
    await expect(local.streamHasData('STREAM_NOPE')).rejects.toMatchObject({
      code: 'ERR_LOCAL_UNKNOWN_STREAM',
    });
  });

  it('delivers only the rows landed since the last run (incremental)', async () => {
    const local = await open();
    const first = wineShopEvents(1_200);
    const second = wineShopEvents(800, 1_200);
    await land(local, first);
    await local.runUntilIdle();
    expect(await actualLayers(local)).toEqual(expectedLayers(first));

    await land(local, second);
    expect(await streamsWithData(local)).toEqual([
      'RAW_DATA.STREAM_RAW_ORDERS',
      'RAW_DATA.STREAM_RAW_INVENTORY',
    ]);
    const runs = await local.runOnce();

    expect(states(runs)).toEqual(ALL_SUCCEEDED);
    const newOrders = second.filter((e) => e.event_type === 'ORDER_CREATED').length;
    expect(runs.find((r) => r.name === 'RAW_DATA.TASK_RAW_TO_STAGING_ORDERS')?.rows).toBe(second.length);
    expect(runs.find((r) => r.name === 'RAW_DATA.TASK_STAGING_TO_PROD_ORDERS')?.rows).toBe(newOrders);
    expect(await actualLayers(local)).toEqual(expectedLayers([...first, ...second]));
  });

  it('keeps stream positions in a database file across a reopen: nothing reprocessed, nothing lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eventflake-local-'));
    dirs.push(dir);
    const path = join(dir, 'caves.duckdb');
    const first = wineShopEvents(1_000);
    const second = wineShopEvents(1_000, 1_000);

    const before = await open(path);
    await land(before, first);
    await before.runUntilIdle();
    await land(before, second.slice(0, 400));
    await before.close();

    const after = await open(path);
    expect(await streamsWithData(after)).toEqual([
      'RAW_DATA.STREAM_RAW_ORDERS',
      'RAW_DATA.STREAM_RAW_INVENTORY',
    ]);
    const resumed = await after.runOnce();
    expect(resumed.find((r) => r.name === 'RAW_DATA.TASK_RAW_TO_STAGING_ORDERS')?.rows).toBe(400);
    await land(after, second.slice(400));
    await after.runUntilIdle();

    expect(await actualLayers(after)).toEqual(expectedLayers([...first, ...second]));
    expect(await streamsWithData(after)).toEqual([]);
    const history = await after.taskHistory();
    expect(history.filter((r) => r.state === 'SUCCEEDED')).toHaveLength(15);
  });

  it('still delivers new rows, and only those, after retention deleted old RAW rows', async () => {
    const local = await open();
    const old = wineShopEvents(1_000);
    const fresh = wineShopEvents(1_000, 1_000);
    await land(local, old);
    await local.runUntilIdle();
    await local.warehouse.execute(
      `UPDATE RAW_DATA.RAW_EVENTS_STREAM SET INGESTION_TIMESTAMP = INGESTION_TIMESTAMP - INTERVAL 40 DAY`,
    );
    const maintenance = render(wineShopSpec, { dialect: 'duckdb' }).find(
      (f) => f.name === '07_maintenance.sql',
    );
    const retention = maintenance?.statements.find((s) => s.name === 'retention_raw_events_stream');
    if (retention === undefined) throw new Error('no RAW retention statement rendered');
    await local.warehouse.execute(retention.sql);
    await local.warehouse.execute('CHECKPOINT');
    expect(await streamsWithData(local)).toEqual([]);

    await land(local, fresh.slice(0, 10));
    const few = await local.runOnce();
    expect(few.find((r) => r.name === 'RAW_DATA.TASK_RAW_TO_STAGING_ORDERS')?.rows).toBe(10);
    await land(local, fresh.slice(10));
    await local.runUntilIdle();

    const [raw] = await local.warehouse.execute('SELECT COUNT(*) AS n FROM RAW_DATA.RAW_EVENTS_STREAM');
    expect(Number(raw?.n)).toBe(1_000);
    expect(await actualLayers(local)).toEqual(expectedLayers([...old, ...fresh]));
  });
});
