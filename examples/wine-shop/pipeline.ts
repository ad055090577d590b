/**
 * The wine-shop pipeline end to end (`npm run demo`): seeded events for a few simulated days (with a
 * few malformed and duplicated ones, as real producers send) → transport → batch sink → RAW → the task
 * DAG (streams and tasks) → STAGING → PRODUCTION → KPIs, the checks, and a reconciliation that fails
 * the run if anything was lost or written twice. Configured from DEMO_* variables
 * (examples/wine-shop/config.ts).
 *
 * Embedded by default: in-process transport and DuckDB, the same run as `eventflake run-local`.
 * KAFKA_BROKERS set: the records go through a Kafka topic (KAFKA_TOPIC, else a fresh one per run).
 * SNOWFLAKE_ACCOUNT and its companions set: RAW is Snowflake's, whose own tasks (sql/snowflake,
 * applied by hand) move the data on their schedule; the demo lands RAW, checks and reconciles it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runDemo } from '../../src/cli/demo-run.js';
import { loadConfig } from './config.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const startedAt = Date.now();
  console.log(
    `Les Caves d'Albert — ${config.DEMO_EVENTS.toLocaleString('en-US')} events over ${config.DEMO_DAYS} simulated days ` +
      `(seed ${config.DEMO_SEED})`,
  );
  // Each demo run starts from scratch: the reconciliation compares against this run's events only.
  mkdirSync(dirname(config.DEMO_DLQ_PATH), { recursive: true });
  rmSync(config.DEMO_DLQ_PATH, { force: true });
  if (config.DEMO_DUCKDB_PATH !== ':memory:') rmSync(config.DEMO_DUCKDB_PATH, { force: true });
  const code = await runDemo(
    {
      events: config.DEMO_EVENTS,
      days: config.DEMO_DAYS,
      seed: config.DEMO_SEED,
      db: config.DEMO_DUCKDB_PATH,
      dlq: config.DEMO_DLQ_PATH,
      malformedRate: config.DEMO_MALFORMED_RATE,
      duplicateRate: config.DEMO_DUPLICATE_RATE,
      print: (text) => process.stdout.write(text),
    },
    process.env,
  );
  console.log(`\nDone in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  return code;
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
