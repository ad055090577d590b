import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../src/dashboard/summary.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { waitFor } from '../../setup/services.js';
import { cli, startCli, useTempDir } from '../cli/support.js';
import { landAndRun } from './seeded-run.js';

const DAY_MS = 86_400_000;

describe('eventflake dashboard (CLI)', () => {
  const dir = useTempDir('dashboard');

  it('serves the page and a summary of an existing DuckDB file until SIGTERM', async () => {
    const db = join(dir(), 'caves.duckdb');
    const dlq = `${db}.dead-letters.jsonl`;
    // The file is written and closed first: the dashboard's process then holds it alone.
    const local = await LocalPipeline.open({ path: db });
    let orders: number;
    try {
      await landAndRun(local, { seed: 11, events: 1_000, spanMs: DAY_MS, dlqPath: dlq });
      const [row] = await local.warehouse.execute('SELECT COUNT(*) AS N FROM "PRODUCTION"."ORDERS"');
      orders = Number(row?.N);
    } finally {
      await local.close();
    }

    const run = startCli(['dashboard', '--db', db, '--port', '0', '--refresh-seconds', '2']);
    try {
      await waitFor('the dashboard address', async () => /at http:\/\//.test(run.output.stdout), {
        timeoutMs: 30_000,
      });
      const url = /at (http:\/\/\S+);/.exec(run.output.stdout)?.[1] ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

      const page = await fetch(url);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('data-refresh-seconds="2"');
      const summary = (await (await fetch(`${url}api/summary`)).json()) as DashboardSummary;
      expect(summary.health.find((h) => h.TABLE_NAME === 'ORDERS')?.ROW_COUNT).toBe(orders);
      expect(summary.deadLetters).toBeGreaterThan(0);
      expect(summary.errors).toEqual({});
      expect((await fetch(`${url}vendor/chart.umd.min.js`)).status).toBe(200);
      expect((await fetch(`${url}nowhere`)).status).toBe(404);
      expect((await fetch(`${url}api/summary`, { method: 'POST' })).status).toBe(405);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('refuses a DuckDB file that does not exist, rather than creating an empty one', async () => {
    const { code, stderr } = await cli(['dashboard', '--db', join(dir(), 'missing.duckdb'), '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^eventflake: .*an existing DuckDB file/);
  });
});
