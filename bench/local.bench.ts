import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGenerator, wineShop } from '../src/index.js';
import { LocalPipeline } from '../src/local/index.js';
import { type Figure, format, report, rssMb } from './measure.js';

const ROUNDS = 2;
const TARGET_RATIO = 0.5;

/** One way of getting RAW's events into PRODUCTION, timed on its own fresh database file. */
interface Contender {
  readonly label: string;
  readonly body: (local: LocalPipeline) => Promise<void>;
}

/**
 * Local mode RAW → PRODUCTION for BENCH_LOCAL_EVENTS events (default 1,000,000): the whole task DAG
 * (STAGING inserts, stream bookkeeping, MERGEs, task history) against two hand-written baselines of
 * one INSERT … SELECT per PRODUCTION table straight from RAW, on the same data in the same run: one
 * reading each JSON field with its own `->>`, and a stricter one that parses each event's JSON once
 * and casts the texts. RAW is filled before the clock starts; each round starts from fresh files.
 * Target: local mode within 2× of the stricter baseline's wall time, with the same PRODUCTION rows.
 */
export async function localBench(): Promise<boolean> {
  const events = Number(process.env.BENCH_LOCAL_EVENTS ?? 1_000_000);
  if (!Number.isSafeInteger(events) || events < 1)
    throw new Error('BENCH_LOCAL_EVENTS must be a whole number ≥ 1');
  const contenders: readonly Contender[] = [
    { label: 'baseline: INSERT … SELECT, ->> per field', body: runStatements(FIELD_BASELINE) },
    { label: 'baseline: INSERT … SELECT, JSON parsed once', body: runStatements(PARSED_ONCE_BASELINE) },
    { label: 'LocalPipeline.runUntilIdle (RAW → PROD)', body: runDag },
  ];
  const dir = await mkdtemp(join(tmpdir(), 'eventflake-local-bench-'));
  let peakRss = rssMb();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb());
  }, 100);
  try {
    const source = join(dir, 'source.duckdb');
    await writeSource(source, events);
    const best = new Map<Contender, Figure>();
    const fingerprints = new Map<Contender, string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, contender] of contenders.entries()) {
        const run = await timed(dir, source, `${i}-${round}`, events, contender);
        const previous = best.get(contender);
        if (previous === undefined || run.figure.seconds < previous.seconds) best.set(contender, run.figure);
        fingerprints.set(contender, run.fingerprint);
      }
    }
    const [field, parsed, local] = contenders.map((c) => best.get(c));
    if (field === undefined || parsed === undefined || local === undefined) return false;
    console.log(
      `\n# local mode (${format(events)} events in RAW, best of ${ROUNDS}, wall time of RAW → PROD)`,
    );
    report(field, parsed);
    report(parsed, parsed);
    report(local, field);
    const meets = report(local, parsed, parsed.itemsPerSecond * TARGET_RATIO);
    console.log(
      `wall time: ${contenders.map((c) => `${c.label} ${best.get(c)?.seconds.toFixed(2)} s`).join('; ')}`,
    );
    console.log(
      `local mode takes ×${(local.seconds / field.seconds).toFixed(2)} the ->> baseline's time and ×${(local.seconds / parsed.seconds).toFixed(2)} the parsed-once baseline's (target ≤ ×${(1 / TARGET_RATIO).toFixed(0)})`,
    );
    const prints = contenders.map((c) => fingerprints.get(c) ?? '');
    for (const [i, c] of contenders.entries()) console.log(`PROD rows, ${c.label}: ${prints[i]}`);
    const same = prints.every((p) => p === prints[0]);
    console.log(`same PRODUCTION rows in all three: ${same ? 'yes' : 'NO'}`);
    console.log(`peak RSS: ${peakRss.toFixed(0)} MB`);
    return meets && same;
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

/**
 * Opens a fresh pipeline file, fills RAW from the source (untimed), times the contender, and reads a
 * fingerprint of PRODUCTION: per table, its row count and a hash of its rows, leaving out the columns
 * stamped with the time of the run (CREATED_AT, UPDATED_AT, and INGESTION_TIMESTAMP, set when RAW was
 * filled for this file).
 */
async function timed(
  dir: string,
  source: string,
  name: string,
  events: number,
  contender: Contender,
): Promise<{ figure: Figure; fingerprint: string }> {
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
    await contender.body(local);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const parts: string[] = [];
    for (const table of ['ORDERS', 'INVENTORY_HISTORY', 'INVENTORY_CURRENT']) {
      const [row] = await local.warehouse.execute(
        `SELECT COUNT(*) AS "N", COALESCE(SUM(hash(s)), 0) AS "H"
FROM (SELECT ${UNSTAMPED} FROM PRODUCTION.${table}) AS s`,
      );
      parts.push(`${table} ${row?.N} rows #${String(row?.H ?? '').slice(-8)}`);
    }
    return {
      figure: { name: contender.label, items: events, seconds, itemsPerSecond: events / seconds },
      fingerprint: parts.join(', '),
    };
  } finally {
    await local.close();
  }
}

/** Columns stamped at run time: they differ between two runs over the same events. */
const UNSTAMPED = "COLUMNS(c -> c NOT IN ('CREATED_AT', 'UPDATED_AT', 'INGESTION_TIMESTAMP'))";

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
export const FIELD_BASELINE = [
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

/**
 * The SELECT list of a parsed-once statement: `f` is the list of the event's JSON field texts (in
 * the order of `fields`), and a field name reads its text, cast when a type is given.
 */
function parsedOnce(fields: readonly (readonly [string, string?])[], eventType: string) {
  const paths = fields.map(([name]) => `'$.${name}'`).join(', ');
  const field = (name: string) => {
    const at = fields.findIndex(([f]) => f === name);
    const type = fields[at]?.[1];
    return type === undefined ? `f[${at + 1}]` : `CAST(f[${at + 1}] AS ${type})`;
  };
  const from = `FROM (
  SELECT *, json_extract_string("EVENT_DATA", [${paths}]) AS f
  FROM ${RAW} WHERE "EVENT_TYPE" = '${eventType}'
)`;
  return { field, from };
}

const ORDER = parsedOnce(
  [
    ['order_id'],
    ['product_name'],
    ['product_category'],
    ['quantity', 'BIGINT'],
    ['unit_price', 'DECIMAL(10, 2)'],
    ['discount', 'DECIMAL(5, 4)'],
    ['total_amount', 'DECIMAL(12, 2)'],
    ['payment_method'],
    ['sales_channel'],
    ['bottle_size_liters', 'DECIMAL(6, 3)'],
    ['shipping_address'],
  ],
  'ORDER_CREATED',
);
const ADJUSTMENT = parsedOnce(
  [
    ['adjustment_id'],
    ['product_name'],
    ['product_category'],
    ['adjustment_type'],
    ['quantity_change', 'BIGINT'],
    ['new_stock_level', 'BIGINT'],
    ['reason'],
    ['warehouse_location'],
  ],
  'INVENTORY_ADJUSTED',
);

/**
 * The stricter baseline, as a competent hand-writer would write it: each event's JSON is parsed
 * once, into the list of its field texts, which are then cast.
 */
export const PARSED_ONCE_BASELINE = [
  `INSERT INTO PRODUCTION.ORDERS
SELECT ${ORDER.field('order_id')}, "EVENT_ID", "EVENT_TIMESTAMP", "PRODUCT_ID", "CUSTOMER_ID",
  ${['product_name', 'product_category', 'quantity', 'unit_price', 'discount', 'total_amount', 'payment_method', 'sales_channel', 'bottle_size_liters', 'shipping_address'].map(ORDER.field).join(', ')},
  "INGESTION_TIMESTAMP", CAST("EVENT_TIMESTAMP" AS DATE), ${NOW}, ${NOW}
${ORDER.from}
QUALIFY ROW_NUMBER() OVER (PARTITION BY f[1] ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
  `INSERT INTO PRODUCTION.INVENTORY_HISTORY
SELECT ${ADJUSTMENT.field('adjustment_id')}, "EVENT_ID", "EVENT_TIMESTAMP", "PRODUCT_ID",
  ${['product_name', 'product_category', 'adjustment_type', 'quantity_change', 'new_stock_level', 'reason', 'warehouse_location'].map(ADJUSTMENT.field).join(', ')},
  "INGESTION_TIMESTAMP", CAST("EVENT_TIMESTAMP" AS DATE), ${NOW}
${ADJUSTMENT.from}
QUALIFY ROW_NUMBER() OVER (PARTITION BY f[1] ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
  `INSERT INTO PRODUCTION.INVENTORY_CURRENT
SELECT "PRODUCT_ID", ${['product_name', 'product_category', 'new_stock_level', 'adjustment_type', 'quantity_change', 'adjustment_id', 'warehouse_location'].map(ADJUSTMENT.field).join(', ')},
  "EVENT_TIMESTAMP", "INGESTION_TIMESTAMP", ${NOW}
${ADJUSTMENT.from}
QUALIFY ROW_NUMBER() OVER (PARTITION BY "PRODUCT_ID" ORDER BY "EVENT_TIMESTAMP" DESC, "EVENT_ID" DESC) = 1`,
];

function runStatements(statements: readonly string[]): (local: LocalPipeline) => Promise<void> {
  return async (local) => {
    for (const sql of statements) await local.warehouse.execute(sql);
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await localBench()) ? 0 : 1;
}
