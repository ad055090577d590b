import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createWineShopTables, freshDatabase } from './checks/snowflake-fixture.js';
import { cli, useTempDir } from './cli/support.js';

describe('npm run demo on Snowflake (SNOWFLAKE_* set; fakesnow)', () => {
  const dir = useTempDir('demo-snowflake');

  it('lands RAW in Snowflake, runs the checks in its dialect and reconciles the run in RAW', async () => {
    const url = inject('fakesnowUrl');
    if (!url) throw new Error('No fakesnow: run with EVENTFLAKE_TEST_SERVICES including fakesnow');
    const { warehouse, database } = await freshDatabase(url);
    try {
      await createWineShopTables(warehouse);
    } finally {
      await warehouse.close();
    }
    const demo = () =>
      cli([], {
        entry: 'examples/wine-shop/pipeline.ts',
        env: {
          SNOWFLAKE_ACCOUNT: 'eventflake',
          SNOWFLAKE_USER: 'eventflake',
          SNOWFLAKE_PASSWORD: 'emulator',
          SNOWFLAKE_DATABASE: database,
          SNOWFLAKE_ACCESS_URL: url,
          DEMO_EVENTS: '300',
          DEMO_SEED: '5',
          DEMO_DLQ_PATH: join(dir(), 'dead-letters.jsonl'),
        },
      });
    const { code, stdout } = await demo();
    expect(stdout).toMatch(/Transport: in-process/);
    expect(stdout).toMatch(new RegExp(`Warehouse: Snowflake \\(account eventflake, database ${database}\\)`));
    expect(stdout).toMatch(/sql\/snowflake .* must have been applied by hand/);
    // fakesnow has no TASK_HISTORY: the health checks are skipped and said to be.
    expect(stdout).toMatch(/TASK_HISTORY is not readable here .*: the health checks are skipped\./);
    expect(stdout).toMatch(/RAW rows with this run's EVENT_IDs = generated events\s+300\s+300\s+PASS/);
    expect(stdout).toMatch(/DLQ letters = malformed events\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).not.toContain('emulator');
    // No task has moved the data yet (fakesnow has none): the run ends with the checks' own verdict.
    expect(code).toBe(Number(/Overall: \w+ .*exit code (\d)/.exec(stdout)?.[1]));

    // RAW is shared: a rerun of the seed adds nothing and still finds each of its events exactly once.
    const again = await demo();
    expect(again.stdout).toMatch(/: 0 landed in RAW, 300 already there,/);
    expect(again.stdout).toMatch(/RAW rows with this run's EVENT_IDs = generated events\s+300\s+300\s+PASS/);
    expect(again.stdout).toMatch(/RAW distinct EVENT_IDs = RAW rows\s+300\s+300\s+PASS/);
  }, 180_000);
});
