/**
 * The wine-shop pipeline end to end on embedded defaults (`npm run demo`):
 * seeded events for a few simulated days (with a few malformed and duplicated ones, as real producers
 * send) → in-process source → batch sink → RAW on embedded DuckDB → the task DAG (streams and tasks)
 * → STAGING → PRODUCTION → KPIs, and a reconciliation that fails the run if anything was lost or
 * written twice.
 *
 * Settings: see examples/wine-shop/config.ts (DEMO_EVENTS, DEMO_DAYS, DEMO_SEED, DEMO_DUCKDB_PATH, …).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  BatchSink,
  createGenerator,
  exitCodeFor,
  formatReport,
  InProcessSource,
  injectFaults,
  JsonlFileDeadLetterQueue,
  LocalPipeline,
  readDeadLetters,
  render,
  runChecks,
  serializeFaultyItem,
  wineShop,
  wineShopChecks,
  wineShopRegistry,
  wineShopSpec,
} from '../../src/index.js';
import { loadConfig } from './config.js';
import { printTable } from './print.js';

const DAY_MS = 86_400_000;

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const startedAt = Date.now();
  console.log(
    `Les Caves d'Albert — ${config.DEMO_EVENTS.toLocaleString('en-US')} events over ${config.DEMO_DAYS} simulated days ` +
      `(seed ${config.DEMO_SEED}), embedded DuckDB at ${config.DEMO_DUCKDB_PATH}`,
  );

  const local = await LocalPipeline.open({ path: config.DEMO_DUCKDB_PATH });
  mkdirSync(dirname(config.DEMO_DLQ_PATH), { recursive: true });
  rmSync(config.DEMO_DLQ_PATH, { force: true });
  const deadLetterQueue = new JsonlFileDeadLetterQueue({ path: config.DEMO_DLQ_PATH });
  try {
    const generator = createGenerator(wineShop, {
      seed: config.DEMO_SEED,
      startTime: startedAt - config.DEMO_DAYS * DAY_MS,
      meanIntervalMs: (config.DEMO_DAYS * DAY_MS) / config.DEMO_EVENTS,
    });
    const events = generator.take(config.DEMO_EVENTS);
    const faulty = injectFaults(events, {
      seed: config.DEMO_SEED,
      malformedRate: config.DEMO_MALFORMED_RATE,
      duplicateRate: config.DEMO_DUPLICATE_RATE,
    });

    const sink = new BatchSink({
      warehouse: local.warehouse,
      table: local.rawTable,
      registry: wineShopRegistry,
      deadLetterQueue,
    });
    let inserted = 0;
    let rejected = 0;
    sink.on('flush', (info) => {
      inserted += info.inserted;
      rejected += info.rejected;
    });
    const records = [...faulty].map(serializeFaultyItem);
    await new InProcessSource(records, { origin: 'demo' }).run(sink);
    await sink.close();
    // Whatever was delivered and neither landed nor dead-lettered was a duplicate EVENT_ID, dropped by
    // the sink (in flight) or skipped by the warehouse (already in RAW).
    const duplicates = records.length - inserted - rejected - faulty.stats.malformed;
    console.log(
      `Delivered ${records.length} records: ${inserted} landed in RAW, ${duplicates} duplicates dropped, ` +
        `${faulty.stats.malformed} malformed sent to the DLQ (${config.DEMO_DLQ_PATH}).`,
    );

    const runs = await local.runUntilIdle();
    const byState = new Map<string, number>();
    for (const run of runs) byState.set(run.state, (byState.get(run.state) ?? 0) + 1);
    console.log(`Task DAG: ${[...byState].map(([state, n]) => `${n} ${state}`).join(', ')}.`);

    const queries = render(wineShopSpec, { dialect: 'duckdb' }).flatMap((file) => file.statements);
    const run = (name: string) => {
      const sql = queries.find((q) => q.name === name)?.sql;
      if (sql === undefined) throw new Error(`the rendered SQL has no statement ${name}`);
      return local.warehouse.execute(sql);
    };
    printTable(
      'Pipeline health (MONITORING.PIPELINE_HEALTH)',
      await local.warehouse.execute(
        'SELECT * FROM "MONITORING"."PIPELINE_HEALTH" ORDER BY "LAYER", "TABLE_NAME"',
      ),
    );
    printTable('Daily KPIs', await run('daily_kpis'));
    printTable('Revenue by category', await run('revenue_by_category'));
    printTable('Stock-out forecast (first 8)', (await run('stock_out_forecast')).slice(0, 8));

    // The demo lands three simulated days at once, a backfill: every event would count as late
    // (ingested days after it happened), which is what late_events exists to flag in a live stream.
    const report = await runChecks({ warehouse: local.warehouse, ...wineShopChecks, skip: ['late_events'] });
    console.log(`\nChecks\n${formatReport(report)}`);

    const failures = await reconcile(
      local,
      deadLetterQueue,
      [['duplicates dropped = duplicates injected', duplicates, faulty.stats.duplicate]],
      { generated: events.length, malformed: faulty.stats.malformed },
    );
    console.log(`\nDone in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
    // The checks' exit code (0 pass, 1 warnings, 2 failures, 3 could not run) unless reconciliation failed.
    return failures === 0 ? exitCodeFor(report) : 2;
  } finally {
    await deadLetterQueue.close();
    await local.close();
  }
}

/** Every generated event is in RAW exactly once, every malformed one in the DLQ, and PRODUCTION agrees. */
async function reconcile(
  local: LocalPipeline,
  deadLetterQueue: JsonlFileDeadLetterQueue,
  known: Array<[string, number, number]>,
  expected: { generated: number; malformed: number },
): Promise<number> {
  const { generated, malformed } = expected;
  const [raw] = await local.warehouse.execute(
    `SELECT count(*) AS n, count(DISTINCT "EVENT_ID") AS d,
            count(*) FILTER (WHERE "EVENT_TYPE" = 'ORDER_CREATED') AS orders
     FROM "RAW_DATA"."RAW_EVENTS_STREAM"`,
  );
  const [prod] = await local.warehouse.execute('SELECT count(*) AS n FROM "PRODUCTION"."ORDERS"');
  await deadLetterQueue.close();
  let letters = 0;
  for await (const _letter of readDeadLetters(deadLetterQueue.path)) letters++;
  const checks: Array<[string, number, number]> = [
    ...known,
    ['RAW rows = generated events', Number(raw?.n), generated],
    ['RAW distinct EVENT_IDs = RAW rows', Number(raw?.d), Number(raw?.n)],
    ['DLQ letters = malformed events', letters, malformed],
    ['PRODUCTION.ORDERS = ORDER_CREATED in RAW', Number(prod?.n), Number(raw?.orders)],
  ];
  printTable(
    'Reconciliation',
    checks.map(([check, actual, expected]) => ({
      check,
      actual,
      expected,
      status: actual === expected ? 'PASS' : 'FAIL',
    })),
  );
  return checks.filter(([, actual, expected]) => actual !== expected).length;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
