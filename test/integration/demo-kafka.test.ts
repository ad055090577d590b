import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cli, useTempDir } from './cli/support.js';

const PIPELINE = 'examples/wine-shop/pipeline.ts';

describe('npm run demo through Kafka (KAFKA_BROKERS set)', () => {
  const dir = useTempDir('demo-kafka');

  it('produces the records to a fresh topic, consumes them into RAW and reconciles every event', async () => {
    const brokers = inject('kafkaBrokers');
    if (!brokers) throw new Error('No Kafka broker: run with EVENTFLAKE_TEST_SERVICES including kafka');
    const { code, stdout, stderr } = await cli([], {
      entry: PIPELINE,
      env: {
        KAFKA_BROKERS: brokers,
        KAFKA_LOG_LEVEL: 'nothing',
        DEMO_EVENTS: '1200',
        DEMO_SEED: '11',
        DEMO_DUCKDB_PATH: join(dir(), 'caves.duckdb'),
        DEMO_DLQ_PATH: join(dir(), 'dead-letters.jsonl'),
      },
    });
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toMatch(/Transport: Kafka \(127\.0\.0\.1:\d+, topic eventflake-demo-11-\d+, group /);
    expect(stdout).toMatch(/Warehouse: DuckDB at /);
    expect(stdout).toMatch(/Task DAG: 5 SUCCEEDED\./);
    expect(stdout).toMatch(/duplicates dropped = duplicates injected\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).toMatch(/RAW rows = generated events\s+1200\s+1200\s+PASS/);
    expect(stdout).toMatch(/DLQ letters = malformed events\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).toMatch(/PRODUCTION\.ORDERS = ORDER_CREATED in RAW\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).not.toMatch(/\bFAIL\b/);
    expect(stdout).toMatch(/Overall: PASS/);
  }, 180_000);
});
