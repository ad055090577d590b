import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pipelineDag, render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import type { Row } from '../../../src/warehouse/warehouse.js';
import { cannotRun, FakesnowPipeline } from './support/fakesnow-pipeline.js';
import { type FaultyRun, faultyWineShopRun, land, RecordingWarehouse, slices } from './support/landing.js';
import { expectSameRows, normalizeRows } from './support/normalize.js';
import { SEED_NOT_RUNNABLE, SEED_RUNNABLE } from './support/seed-000-sql.js';

/**
 * Every rendered Snowflake statement fakesnow can run is run on it, over the same generated events
 * local mode processes, and the results must match local mode's row for row. What fakesnow cannot run
 * is listed in support/fakesnow-pipeline.ts and support/seed-000-sql.ts (docs/verification.md).
 */
const DAY_MS = 86_400_000;
const dag = pipelineDag(wineShopSpec);
const duckdbFiles = new Map(render(wineShopSpec, { dialect: 'duckdb' }).map((f) => [f.name, f.statements]));
/** Filled by each engine from its own clock when a task runs, so they cannot match. */
const WALL_CLOCK = ['CREATED_AT', 'UPDATED_AT'];
const LOCAL_ONLY = ['EVENTFLAKE$ROW_SEQ'];

describe('rendered Snowflake SQL on fakesnow matches local mode', () => {
  let run: FaultyRun;
  let local: LocalPipeline;
  let snow: FakesnowPipeline;

  beforeAll(async () => {
    // Three days up to about now: the analytics and alerts look back from today.
    run = faultyWineShopRun({
      events: 3_000,
      seed: 20261123,
      startTime: new Date(Date.now() - 3 * DAY_MS),
      meanIntervalMs: 80_000,
      duplicateRate: 0.03,
      lateRate: 0.03,
      lateByEvents: 300,
    });
    local = await LocalPipeline.open();
    snow = await FakesnowPipeline.open(inject('fakesnowUrl'), wineShopSpec);
    const recorder = new RecordingWarehouse(local.warehouse);
    // Several graph runs, so late events meet rows a previous run already wrote.
    for (const slice of slices(run.delivered, 3)) {
      await land(recorder, local.rawTable, slice);
      await local.runUntilIdle();
      await snow.insertRaw(recorder.take(), await localIngestionTimes(local));
      await snow.runDag(dag);
    }
  }, 600_000);

  afterAll(async () => {
    await snow?.close();
    await local?.close();
  });

  it('injected duplicates and late events, and every local task run succeeded', async () => {
    expect(run.stats.duplicate).toBeGreaterThan(0);
    expect(run.stats.late).toBeGreaterThan(0);
    const history = await local.taskHistory();
    expect(history.filter((r) => r.state !== 'SUCCEEDED' && r.state !== 'SKIPPED')).toEqual([]);
  });

  it('runs each task body exactly as 04_tasks.sql renders it', () => {
    expect(cannotRun('04_tasks.sql', 'create_task_task_raw_to_staging_orders')).toBeDefined();
    const tasks = snow.statements('04_tasks.sql');
    for (const task of dag) {
      const created = tasks.find((s) => s.sql.includes(`TASK "${task.name.replace('.', '"."')}"`));
      expect(created?.sql.endsWith(`AS\n${task.body.snowflake}`)).toBe(true);
    }
  });

  it.each([
    ['STAGING.STG_ORDERS', 'EVENT_ID'],
    ['STAGING.STG_INVENTORY_ADJUSTMENTS', 'EVENT_ID'],
    ['PRODUCTION.ORDERS', 'ORDER_ID'],
    ['PRODUCTION.INVENTORY_HISTORY', 'ADJUSTMENT_ID'],
    ['PRODUCTION.INVENTORY_CURRENT', 'PRODUCT_ID'],
  ])('%s holds the same rows', async (table, key) => {
    const sql = `SELECT * FROM ${table} ORDER BY "${key}"`;
    const exclude = [...WALL_CLOCK, ...LOCAL_ONLY];
    const expected = normalizeRows(await local.warehouse.execute(sql), { exclude });
    const actual = normalizeRows(await snow.warehouse.execute(sql), { exclude });
    expect(actual.length).toBeGreaterThan(0);
    expectSameRows(table, actual, expected);
  });

  it('05_monitoring: the health view and the alerts give the same rows', async () => {
    const snowRows = await snow.runFile('05_monitoring.sql');
    const localRows = await runDuckDbFile(local, '05_monitoring.sql');
    for (const [name, rows] of snowRows) {
      if (name.startsWith('use_') || name.startsWith('create_view')) continue;
      expectSameRows(name, normalizeRows(rows), normalizeRows(localRows.get(name) ?? []));
    }
    const health = 'SELECT * FROM MONITORING.PIPELINE_HEALTH ORDER BY "TABLE_NAME"';
    const expected = normalizeRows(withoutWallClock(await local.warehouse.execute(health)));
    expectSameRows(
      'PIPELINE_HEALTH',
      normalizeRows(withoutWallClock(await snow.warehouse.execute(health))),
      expected,
    );
  });

  it('08_queries: every analytics query gives the same rows', async () => {
    const snowRows = await snow.runFile('08_queries.sql');
    const localRows = await runDuckDbFile(local, '08_queries.sql');
    const compared = [...snowRows.keys()].filter(
      (name) => !name.startsWith('use_') && name !== 'seasonality',
    );
    expect(compared).toHaveLength(5);
    for (const name of compared) {
      // Ties in ORDER BY (equal counts, equal rounded days) may come out in either order.
      const actual = normalizeRows(snowRows.get(name) ?? [], { sort: true });
      const expected = normalizeRows(localRows.get(name) ?? [], { sort: true });
      expect(actual.length, name).toBeGreaterThan(0);
      expectSameRows(name, actual, expected);
    }
  });

  it('seed 000 monitoring SQL, verbatim on fakesnow, agrees with local mode', async () => {
    await snow.warehouse.execute('USE SCHEMA RAW_DATA');
    await snow.warehouse.execute(SEED_RUNNABLE.pipelineHealthView);
    const seedHealth = await snow.warehouse.execute(
      'SELECT * FROM MONITORING.PIPELINE_HEALTH ORDER BY TABLE_NAME',
    );
    const localHealth = await local.warehouse.execute(
      'SELECT "TABLE_NAME", "ROW_COUNT", "LAST_INGESTION", "LAYER" FROM MONITORING.PIPELINE_HEALTH ORDER BY "TABLE_NAME"',
    );
    expectSameRows(
      'seed PIPELINE_HEALTH',
      normalizeRows(withoutWallClock(seedHealth), { sort: true }),
      normalizeRows(withoutWallClock(localHealth), { exclude: ['LAYER'], sort: true }),
    );

    const [latency] = await snow.warehouse.execute(SEED_RUNNABLE.latency);
    const [localLatest] = await local.warehouse.execute(
      'SELECT MAX("INGESTION_TIMESTAMP") AS "AT" FROM PRODUCTION.ORDERS',
    );
    expect(normalizeRows([{ AT: latency?.LAST_RAW_INGESTION }])).toEqual(normalizeRows([localLatest ?? {}]));
    expect(typeof latency?.LATENCY_MINUTES).toBe('number');

    const outOfStock = await runDuckDbFile(local, '05_monitoring.sql');
    expect(normalizeRows(await snow.warehouse.execute(SEED_RUNNABLE.outOfStock))).toEqual(
      normalizeRows(outOfStock.get('alert_out_of_stock') ?? []),
    );

    const [recent] = await snow.warehouse.execute(SEED_RUNNABLE.recentRaw);
    const [localRecent] = await local.warehouse.execute(
      `SELECT COUNT(*) AS N FROM RAW_DATA.RAW_EVENTS_STREAM WHERE INGESTION_TIMESTAMP > (now() AT TIME ZONE 'UTC') - INTERVAL 5 MINUTE`,
    );
    expect(Object.values(recent ?? {}).map(Number)).toEqual([Number(localRecent?.N)]);

    const schemas = (await snow.warehouse.execute(SEED_RUNNABLE.showSchemas)).map((r) => String(r.name));
    expect(schemas).toEqual(expect.arrayContaining(['RAW_DATA', 'STAGING', 'PRODUCTION', 'MONITORING']));
    // Put the rendered view back (this also resets the current schema, as USE DATABASE does).
    await snow.runFile('05_monitoring.sql');
  });

  it('seed 000 analytics SQL, verbatim on fakesnow, agrees with the rendered queries in local mode', async () => {
    await snow.warehouse.execute('USE SCHEMA RAW_DATA');
    const rendered = await runDuckDbFile(local, '08_queries.sql');
    const compare = async (seedSql: string, name: string, adapt: (rows: Row[]) => Row[] = (r) => r) => {
      const actual = normalizeRows(adapt(await snow.warehouse.execute(seedSql)), { sort: true });
      expectSameRows(`seed vs ${name}`, actual, normalizeRows(rendered.get(name) ?? [], { sort: true }));
    };
    await compare(SEED_RUNNABLE.salesByCategory, 'revenue_by_category');
    await compare(SEED_RUNNABLE.topCustomers, 'top_customers');
    // The seed labels the status with an emoji; the rendered query keeps the word.
    await compare(SEED_RUNNABLE.stockForecast, 'stock_out_forecast', (rows) =>
      rows.map((r) => ({ ...r, STOCK_STATUS: String(r.STOCK_STATUS).replace(/^\S+ /, '') })),
    );

    const [today] = await snow.warehouse.execute(SEED_RUNNABLE.kpiToday);
    const [todayLocal] = await local.warehouse.execute(
      `SELECT COUNT(*) AS "ORDERS_TODAY", SUM("TOTAL_AMOUNT") AS "REVENUE_TODAY", AVG("TOTAL_AMOUNT") AS "AVG_ORDER_VALUE",
  COUNT(DISTINCT "CUSTOMER_ID") AS "UNIQUE_CUSTOMERS"
FROM PRODUCTION.ORDERS WHERE "ORDER_DATE" = CAST(now() AT TIME ZONE 'UTC' AS DATE)`,
    );
    expect(normalizeRows([today ?? {}])).toEqual(normalizeRows([todayLocal ?? {}]));
  });

  it('seasonality: weekday names are the same in local mode as in Snowflake (DAYNAME gives Mon … Sun)', async () => {
    const [snowRows, localRows] = [
      await snow.runFile('08_queries.sql'),
      await runDuckDbFile(local, '08_queries.sql'),
    ];
    const expected = normalizeRows(localRows.get('seasonality') ?? [], { sort: true });
    expect(expected.length).toBeGreaterThan(0);
    expectSameRows('seasonality', normalizeRows(snowRows.get('seasonality') ?? [], { sort: true }), expected);
    await snow.warehouse.execute('USE SCHEMA RAW_DATA');
    const seed = normalizeRows(await snow.warehouse.execute(SEED_RUNNABLE.seasonality), { sort: true });
    expectSameRows('seed seasonality', seed, expected);
  });

  it.each(SEED_NOT_RUNNABLE.map((s) => [s.why, s.sql]))(
    'seed 000 SQL fakesnow refuses (%s)',
    async (_why, sql) => {
      await expect(snow.warehouse.execute(sql)).rejects.toThrow();
    },
  );
});

/** EVENT_ID → INGESTION_TIMESTAMP of every RAW row in local mode, as ISO text with microseconds. */
async function localIngestionTimes(local: LocalPipeline): Promise<Map<string, string>> {
  const rows = await local.warehouse.execute(
    `SELECT "EVENT_ID", strftime("INGESTION_TIMESTAMP", '%Y-%m-%dT%H:%M:%S.%fZ') AS "AT" FROM RAW_DATA.RAW_EVENTS_STREAM`,
  );
  return new Map(rows.map((r) => [String(r.EVENT_ID), String(r.AT)]));
}

/** Runs a rendered DuckDB file on local mode's database; each statement's rows by name. */
async function runDuckDbFile(local: LocalPipeline, file: string): Promise<Map<string, Row[]>> {
  const results = new Map<string, Row[]>();
  for (const statement of duckdbFiles.get(file) ?? []) {
    results.set(statement.name, await local.warehouse.execute(statement.sql));
  }
  return results;
}

/** PRODUCTION rows' LAST_INGESTION is the engine's own clock (UPDATED_AT, CREATED_AT): left out. */
function withoutWallClock(rows: readonly Row[]): Row[] {
  return rows.map((r) =>
    r.LAYER === 'PRODUCTION' || WALL_CLOCK_TABLES.has(String(r.TABLE_NAME))
      ? { ...r, LAST_INGESTION: null }
      : r,
  );
}
const WALL_CLOCK_TABLES = new Set(['ORDERS', 'INVENTORY_HISTORY', 'INVENTORY_CURRENT']);
