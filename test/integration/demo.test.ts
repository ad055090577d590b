import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('npm run demo (examples/wine-shop/pipeline.ts)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflake-demo-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the whole wine-shop pipeline on embedded DuckDB and reconciles every event', async () => {
    const { stdout } = await run('npx', ['tsx', 'examples/wine-shop/pipeline.ts'], {
      cwd: root,
      env: {
        ...withoutServices(),
        DEMO_EVENTS: '1500',
        DEMO_SEED: '7',
        DEMO_DUCKDB_PATH: join(dir, 'caves.duckdb'),
        DEMO_DLQ_PATH: join(dir, 'dead-letters.jsonl'),
      },
    });
    expect(stdout).toMatch(/Transport: in-process/);
    expect(stdout).toMatch(/Warehouse: DuckDB at /);
    expect(stdout).toMatch(/Task DAG: 5 SUCCEEDED\./);
    expect(stdout).toMatch(/RAW rows = generated events\s+1500\s+1500\s+PASS/);
    expect(stdout).toMatch(/PRODUCTION\.ORDERS = ORDER_CREATED in RAW\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).not.toMatch(/\bFAIL\b/);
    expect(stdout).toMatch(/Overall: PASS/);
  }, 120_000);

  it('names the variable when a setting is wrong, and runs nothing', async () => {
    const attempt = run('npx', ['tsx', 'examples/wine-shop/pipeline.ts'], {
      cwd: root,
      env: { ...process.env, DEMO_EVENTS: 'lots' },
    });
    await expect(attempt).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/DEMO_EVENTS/) });
  }, 60_000);
});

/** The embedded defaults: no broker or Snowflake account inherited from the shell running the tests. */
function withoutServices(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KAFKA_|SNOWFLAKE_)/.test(name)),
  );
}
