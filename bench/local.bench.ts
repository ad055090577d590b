import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenerator, wineShop } from '../src/index.js';
import { LocalPipeline } from '../src/local/index.js';
import { type Figure, format, report, rssMb } from './measure.js';

const ROUNDS = 2;
const TARGET_RATIO = 0.5;

/**
 * Local mode RAW → PRODUCTION for BENCH_LOCAL_EVENTS events (default 1,000,000): the whole task DAG
 * (STAGING inserts, stream bookkeeping, MERGEs, task history) against a hand-written baseline of one
 * INSERT … SELECT per PRODUCTION table straight from RAW's JSON, on the same data in the same run.
 * RAW is filled before the clock starts in both; each round starts from a fresh database file.
 * Target: local mode within 2× of the baseline.
 */
export async function localBench(): Promise<boolean> {
  const events = Number(process.env.BENCH_LOCAL_EVENTS ?? 1_000_000);
  if (!Number.isSafeInteger(events) || events < 1)
    throw new Error('BENCH_LOCAL_EVENTS must be a whole number ≥ 1');
  const dir = await mkdtemp(join(tmpdir(), 'eventflake-local-bench-'));
  let peakRss = rssMb();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb());
  }, 100);
  try {
    const source = join(dir, 'source.duckdb');
    await writeSource(source, events);
    let baseline: Figure | undefined;
    let pipeline: Figure | undefined;
    const counts: Record<string, string> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const b = await timed(
        dir,
        source,
        `baseline-${round}`,
        events,
        'hand-written INSERT … SELECT per PROD table',
        runBaseline,
      );
      const p = await timed(
        dir,
        source,
        `local-${round}`,
        events,
        'LocalPipeline.runUntilIdle (RAW → PROD)',
        runDag,
      );
      counts.baseline = b.counts;
      counts.local = p.counts;
      if (baseline === undefined || b.figure.seconds < baseline.seconds) baseline = b.figure;
      if (pipeline === undefined || p.figure.seconds < pipeline.seconds) pipeline = p.figure;
    }
    if (baseline === undefined || pipeline === undefined) return false;
    console.log(
      `\n# local mode (${format(events)} events in RAW, best of ${ROUNDS}, wall time of RAW → PROD)`,
    );
    report(baseline, baseline);
    const meets = report(pipeline, baseline, baseline.itemsPerSecond * TARGET_RATIO);
    console.log(
      `wall time: baseline ${baseline.seconds.toFixed(2)} s, local mode ${pipeline.seconds.toFixed(2)} s`,
    );
    console.log(
      `PROD rows (ORDERS/INVENTORY_HISTORY/INVENTORY_CURRENT): baseline ${counts.baseline}, local ${counts.local}`,
    );
    console.log(`peak RSS: ${peakRss.toFixed(0)} MB`);
    return meets && counts.baseline === counts.local;
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Generated events appended once into a DuckDB file, streamed so the JS heap holds one event at a time. */
async function writeSource(path: string, events: number): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE "SOURCE" ("EVENT_ID" VARCHAR, "EVENT_TYPE" VARCHAR, "EVENT_TIMESTAMP" VARCHAR,
  "PRODUCT_ID" VARCHAR, "CUSTOMER_ID" VARCHAR, "EVENT_DATA" VARCHAR)`,
  );
  const appender = await connection.createAppender('SOURCE');
  const generator = createGenerator(wineShop, { seed: 11 });
  for (let i = 0; i < events; i++) {
    const e = generator.next();
    appender.appendVarchar(e.event_id);
    appender.appendVarchar(e.event_type);
    appender.appendVarchar(e.event_timestamp);
    appender.appendVarchar(String(e.product_id));
    if (e.customer_id === null || e.customer_id === undefined) appender.appendNull();
    else appender.appendVarchar(e.customer_id);
    appender.appendVarchar(JSON.stringify(e.event_data));
    appender.endRow();
  }
  appender.closeSync();
  connection.closeSync();
  instance.closeSync();
}

/** Opens a fresh pipeline file, fills RAW from the source (untimed), times `body`, reads PROD row counts. */
async function timed(
  dir: string,
  source: string,
  name: string,
  events: number,
  label: string,
  body: (local: LocalPipeline) => Promise<void>,
): Promise<{ figure: Figure; counts: string }> {
  const local = await LocalPipeline.open({ path: join(dir, `${name}.duckdb`) });
  try {
    await local.warehouse.execute(`ATTACH '${source.replaceAll("'", "''")}' AS "BENCH_SOURCE" (READ_ONLY)`);
    // After open(): streams were created on an empty RAW, so they see every row inserted here.
    await local.warehouse.execute(
      `INSERT INTO RAW_DATA.RAW_EVENTS_STREAM ("EVENT_ID", "EVENT_TYPE", "EVENT_TIMESTAMP", "PRODUCT_ID",
  "CUSTOMER_ID", "EVENT_DATA", "EVENT_METADATA", "INGESTION_TIMESTAMP")
SELECT "EVENT_ID", "EVENT_TYPE", CAST("EVENT_TIMESTAMP" AS TIMESTAMP), "PRODUCT_ID", "CUSTOMER_ID",
  CAST("EVENT_DATA" AS JSON), NULL, (now() AT TIME ZONE 'UTC')
FROM "BENCH_SOURCE"."SOURCE"`,
    );
    await local.warehouse.execute('DETACH "BENCH_SOURCE"');
    await local.warehouse.execute('CHECKPOINT');
    const start = process.hrtime.bigint();
    await body(local);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const [row] = await local.warehouse.execute(
      `SELECT (SELECT COUNT(*) FROM PRODUCTION.ORDERS) || '/' || (SELECT COUNT(*) FROM PRODUCTION.INVENTORY_HISTORY)
  || '/' || (SELECT COUNT(*) FROM PRODUCTION.INVENTORY_CURRENT) AS "COUNTS"`,
    );
    return {
      figure: { name: label, items: events, seconds, itemsPerSecond: events / seconds },
      counts: String(row?.COUNTS),
    };
  } finally {
    await local.close();
  }
}

async function runDag(local: LocalPipeline): Promise<void> {
  const runs = await local.runUntilIdle();
  const failed = runs.filter((r) => r.state === 'FAILED');
  if (failed.length > 0) throw new Error(`local mode task failed: ${failed.map((r) => r.name).join(', ')}`);
  // Where the time goes, to compare with the baseline's three statements.
  const parts = runs
    .filter((r) => r.queryStartTime !== null)
    .map(
      (r) =>
        `${r.name.replace(/^.*\./, '')} ${((r.completedTime.getTime() - (r.queryStartTime?.getTime() ?? 0)) / 1000).toFixed(2)} s`,
    );
  console.log(`  tasks: ${parts.join(', ')}`);
}

const RAW = 'RAW_DATA.RAW_EVENTS_STREAM';
const text = (field: string) => `("EVENT_DATA" ->> '$.${field}')`;
const typed = (field: string, type: string) => `CAST(${text(field)} AS ${type})`;
const NOW = "(now() AT TIME ZONE 'UTC')";

/** The same PRODUCTION rows as the DAG computes, in one statement per table, no STAGING and no streams. */
const BASELINE = [
  `INSERT INTO PRODUCTION.ORDERS
SELECT ${text('order_id')}, "EVENT_ID", "EVENT_TIMESTAMP", "PRODUCT_ID", "CUSTOMER_ID", ${text('product_name')},
  ${text('product_category')}, ${typed('quantity', 'BIGINT')}, ${typed('unit_price', 'DECIMAL(10, 2)')},
  ${typed('discount', 'DECIMAL(5, 4)')}, ${typed('total_amount', 'DECIMAL(12, 2)')}, ${text('payment_method')},
  ${text('sales_channel')}, ${typed('bottle_size_liters', 'DECIMAL(6, 3)')}, ${text('shipping_address')},
  "INGESTION_TIMESTAMP", CAST("EVENT_TIMESTAMP" AS DATE), ${NOW}, ${NOW}
FROM ${RAW} WHERE "EVENT_TYPE" = 'ORDER_CREATED'
QUALIFY ROW_NUMBER() OVER (PARTITION BY ${text('order_id')} ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
  `INSERT INTO PRODUCTION.INVENTORY_HISTORY
SELECT ${text('adjustment_id')}, "EVENT_ID", "EVENT_TIMESTAMP", "PRODUCT_ID", ${text('product_name')},
  ${text('product_category')}, ${text('adjustment_type')}, ${typed('quantity_change', 'BIGINT')},
  ${typed('new_stock_level', 'BIGINT')}, ${text('reason')}, ${text('warehouse_location')},
  "INGESTION_TIMESTAMP", CAST("EVENT_TIMESTAMP" AS DATE), ${NOW}
FROM ${RAW} WHERE "EVENT_TYPE" = 'INVENTORY_ADJUSTED'
QUALIFY ROW_NUMBER() OVER (PARTITION BY ${text('adjustment_id')} ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
  `INSERT INTO PRODUCTION.INVENTORY_CURRENT
SELECT "PRODUCT_ID", ${text('product_name')}, ${text('product_category')}, ${typed('new_stock_level', 'BIGINT')},
  ${text('adjustment_type')}, ${typed('quantity_change', 'BIGINT')}, ${text('adjustment_id')},
  ${text('warehouse_location')}, "EVENT_TIMESTAMP", "INGESTION_TIMESTAMP", ${NOW}
FROM ${RAW} WHERE "EVENT_TYPE" = 'INVENTORY_ADJUSTED'
QUALIFY ROW_NUMBER() OVER (PARTITION BY "PRODUCT_ID" ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
];

async function runBaseline(local: LocalPipeline): Promise<void> {
  for (const sql of BASELINE) await local.warehouse.execute(sql);
}
