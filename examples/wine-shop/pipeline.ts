/**
 * The wine-shop pipeline end to end on embedded defaults (`npm run demo`):
 * seeded events for a few simulated days (with a few malformed and duplicated ones, as real producers
 * send) → in-process source → batch sink → RAW on embedded DuckDB → the task DAG (streams and tasks)
 * → STAGING → PRODUCTION → KPIs, the checks, and a reconciliation that fails the run if anything was
 * lost or written twice. The same run as `eventflake run-local`, configured from DEMO_* variables
 * (examples/wine-shop/config.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runLocal } from '../../src/cli/local-run.js';
import { loadConfig } from './config.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const startedAt = Date.now();
  console.log(
    `Les Caves d'Albert — ${config.DEMO_EVENTS.toLocaleString('en-US')} events over ${config.DEMO_DAYS} simulated days ` +
      `(seed ${config.DEMO_SEED}), embedded DuckDB at ${config.DEMO_DUCKDB_PATH}`,
  );
  // Each demo run starts from scratch: the reconciliation compares against this run's events only.
  mkdirSync(dirname(config.DEMO_DLQ_PATH), { recursive: true });
  rmSync(config.DEMO_DLQ_PATH, { force: true });
  if (config.DEMO_DUCKDB_PATH !== ':memory:') rmSync(config.DEMO_DUCKDB_PATH, { force: true });
  const code = await runLocal({
    events: config.DEMO_EVENTS,
    days: config.DEMO_DAYS,
    seed: config.DEMO_SEED,
    db: config.DEMO_DUCKDB_PATH,
    dlq: config.DEMO_DLQ_PATH,
    malformedRate: config.DEMO_MALFORMED_RATE,
    duplicateRate: config.DEMO_DUPLICATE_RATE,
    print: (text) => process.stdout.write(text),
  });
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
