import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/run-checks.js';
import { wineShopChecks } from '../../src/checks/wine-shop-checks.js';
import { pipelineDag } from '../../src/ddl/render.js';
import { wineShopSpec } from '../../src/ddl/wine-shop-spec.js';
import { type WineShopEvent, wineShopRegistry } from '../../src/events/wine-shop.js';
import { loadFiles } from '../../src/load/load-files.js';
import { BatchSink } from '../../src/sink/batch-sink.js';
import { InProcessSource } from '../../src/sink/in-process-source.js';
import { MemoryDeadLetterQueue } from '../../src/sink/memory-dead-letter-queue.js';
import { parseQualified, quoteIdentifier, quoteQualified } from '../../src/warehouse/identifier.js';
import { notPassing, recentEvents } from '../integration/checks/local-run.js';
import { expectedProduction } from '../integration/verification/support/expected-production.js';
import { type ThrowawayDatabase, throwawayDatabase } from './support/account.js';
import { type TaskRun, untilTasksDeliver } from './support/task-runs.js';
import { applyWineShopFiles, type SqlTarget, targetOf } from './support/wine-shop-sql.js';

const EVENTS = 400;
const VIA_SINK = 250;
const tasks = pipelineDag(wineShopSpec);
const roots = tasks.filter((t) => t.everyMinutes !== null);

/**
 * The whole wine-shop pipeline on a real account: what fakesnow cannot run (streams, tasks, SHOW … ->>,
 * TASK_HISTORY) is the point of this file. The tests share one database and run in order.
 */
describe('the rendered Snowflake pipeline on a real account', () => {
  let db: ThrowawayDatabase;
  let target: SqlTarget;
  let dir: string;
  let events: WineShopEvent[];
  const count = async (table: string) => {
    const [row] = await db.warehouse.execute(`SELECT COUNT(*) AS "N" FROM ${table}`);
    return Number(row?.N);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflake-snowflake-'));
    db = await throwawayDatabase('PIPELINE');
    target = targetOf(db.name);
  });

  afterAll(async () => {
    await db?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('applies 01–05 and 10 in order: five streams, five started tasks on SNOWFLAKE_WAREHOUSE', async () => {
    const setup = ['01_setup.sql', '02_tables.sql', '03_streams.sql', '04_tasks.sql', '05_monitoring.sql'];
    await applyWineShopFiles(db.warehouse, [...setup, '10_load.sql'], target);

    const shown = await db.warehouse.execute(`SHOW TASKS IN DATABASE ${quoteIdentifier(db.name)}`);
    const byName = (rows: typeof shown) =>
      rows.map((r) => `${String(r.schema_name)}.${String(r.name)}`).sort();
    expect(byName(shown)).toEqual(tasks.map((t) => t.name).sort());
    expect(new Set(shown.map((r) => r.state))).toEqual(new Set(['started']));
    const streams = await db.warehouse.execute(`SHOW STREAMS IN DATABASE ${quoteIdentifier(db.name)}`);
    expect(byName(streams)).toEqual(
      wineShopSpec.streams.map((s) => `${s.name.schema}.${s.name.name}`).sort(),
    );
    expect(streams.map((s) => String(s.stale).toLowerCase())).toEqual(streams.map(() => 'false'));
  });

  it('moves events landed by BatchSink and by loadFiles (stage + COPY) to STAGING and PRODUCTION after EXECUTE TASK', async () => {
    events = recentEvents(EVENTS);
    const sink = new BatchSink({
      warehouse: db.warehouse,
      registry: wineShopRegistry,
      deadLetterQueue: new MemoryDeadLetterQueue(),
    });
    await new InProcessSource(events.slice(0, VIA_SINK), { batchSize: 100 }).run(sink);
    await sink.close();
    const file = join(dir, 'rest.jsonl');
    writeFileSync(
      file,
      `${events
        .slice(VIA_SINK)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
    const loaded = await loadFiles([file], {
      warehouse: db.warehouse,
      deadLetterPath: join(dir, 'dlq.jsonl'),
    });
    expect(loaded).toMatchObject({ valid: EVENTS - VIA_SINK, bad: 0, inserted: EVENTS - VIA_SINK });
    expect(await count('"RAW_DATA"."RAW_EVENTS_STREAM"')).toBe(EVENTS);

    for (const root of roots) {
      await db.warehouse.execute(`EXECUTE TASK ${quoteQualified(parseQualified(root.name))}`);
    }
    const expected = expectedProduction(events);
    const ofType = (type: string) => events.filter((e) => e.event_type === type).length;
    const succeeded = (runs: readonly TaskRun[]) =>
      new Set(runs.filter((r) => r.state === 'SUCCEEDED').map((r) => r.name)).size === tasks.length;
    // Bounded: the tasks' own 1-minute schedule would deliver too, EXECUTE TASK only saves the wait.
    await untilTasksDeliver(
      db.warehouse,
      db.name,
      async (runs) =>
        succeeded(runs) &&
        (await count('"PRODUCTION"."ORDERS"')) === expected.orders &&
        (await count('"PRODUCTION"."INVENTORY_CURRENT"')) === Object.keys(expected.stock).length,
      { timeoutMs: 300_000 },
    );

    expect(await count('"STAGING"."STG_ORDERS"')).toBe(ofType('ORDER_CREATED'));
    expect(await count('"STAGING"."STG_INVENTORY_ADJUSTMENTS"')).toBe(ofType('INVENTORY_ADJUSTED'));
    expect(await count('"PRODUCTION"."INVENTORY_HISTORY"')).toBe(ofType('INVENTORY_ADJUSTED'));
    const [revenue] = await db.warehouse.execute(
      'SELECT SUM("TOTAL_AMOUNT") AS "TOTAL" FROM "PRODUCTION"."ORDERS"',
    );
    expect(Math.round(Number(revenue?.TOTAL) * 100)).toBe(expected.revenueCents);
    const stock = await db.warehouse.execute(
      'SELECT "PRODUCT_ID", "CURRENT_STOCK_LEVEL" FROM "PRODUCTION"."INVENTORY_CURRENT"',
    );
    expect(
      Object.fromEntries(stock.map((r) => [String(r.PRODUCT_ID), Number(r.CURRENT_STOCK_LEVEL)])),
    ).toEqual(expected.stock);
  }, 420_000);

  it('runs 07_maintenance and 08_queries on that data: nothing is old enough to delete or archive', async () => {
    const tables = [
      '"RAW_DATA"."RAW_EVENTS_STREAM"',
      '"STAGING"."STG_ORDERS"',
      '"PRODUCTION"."INVENTORY_HISTORY"',
    ];
    const before = await Promise.all(tables.map(count));
    const results = await applyWineShopFiles(db.warehouse, ['07_maintenance.sql', '08_queries.sql'], target);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await count('"PRODUCTION"."INVENTORY_HISTORY_ARCHIVE"')).toBe(0);
    const daily = results.get('08_queries.sql daily_kpis') ?? [];
    expect(daily.reduce((sum, row) => sum + Number(row.ORDER_COUNT), 0)).toBe(
      expectedProduction(events).orders,
    );
  });

  it('reports every check PASS on that data, the health checks (TASK_HISTORY, SHOW … ->>) included', async () => {
    const report = await runChecks({
      warehouse: db.warehouse,
      ...wineShopChecks,
      spec: { ...wineShopSpec, database: db.name },
      database: db.name,
    });
    expect(notPassing(report)).toEqual({});
    expect(report).toMatchObject({
      status: 'PASS',
      exitCode: 0,
      target: { dialect: 'snowflake', database: db.name },
    });
    const health = report.checks
      .filter((c) => c.category === 'health')
      .map((c) => c.name)
      .sort();
    expect(health).toEqual(['failed_tasks', 'stale_streams', 'suspended_tasks']);
  });
});
