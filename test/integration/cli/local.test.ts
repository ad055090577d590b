import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/checks/types.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { cli, useTempDir } from './support.js';

describe('eventflake run-local then validate on the DuckDB file', () => {
  const tempDir = useTempDir('local');
  let db: string;
  beforeAll(() => {
    db = join(tempDir(), 'caves.duckdb');
  });

  it('run-local lands the events, runs the DAG and prints a passing reconciliation (exit 0)', async () => {
    const { code, stdout } = await cli([
      'run-local',
      '--events',
      '1200',
      '--days',
      '2',
      '--seed',
      '11',
      '--db',
      db,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Task DAG: 5 SUCCEEDED\./);
    expect(stdout).toMatch(/Reconciliation/);
    expect(stdout).toMatch(/RAW rows = generated events\s+1200\s+1200\s+PASS/);
    expect(stdout).toMatch(/DLQ letters = malformed events\s+(\d+)\s+\1\s+PASS/);
    expect(stdout).not.toMatch(/\bFAIL\b/);
    expect(existsSync(`${db}.dead-letters.jsonl`)).toBe(true);
  }, 120_000);

  it('run-local refuses to land on an existing database unless --replace', async () => {
    const { code, stderr } = await cli(['run-local', '--events', '100', '--db', db]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^eventflake: .*--db.*--replace/);
  });

  it('validate passes on that file (exit 0) and writes the JSON report', async () => {
    const report = join(tempDir(), 'reports', 'checks.json');
    const { code, stdout } = await cli(['validate', '--db', db, '--skip', 'late_events', '--report', report]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Overall: PASS/);
    const json = JSON.parse(await readFile(report, 'utf8')) as CheckReport;
    expect(json).toMatchObject({ status: 'PASS', exitCode: 0, target: { dialect: 'duckdb' } });
  });

  it('validate warns about the backfill when late_events is not skipped (exit 1)', async () => {
    const { code, stdout } = await cli(['validate', '--db', db]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^WARN\s+late_events/m);
  });

  it('validate fails (exit 2) once a duplicate EVENT_ID is written to RAW by SQL', async () => {
    const warehouse = await DuckDbWarehouse.open({ path: db });
    try {
      await warehouse.execute(
        'INSERT INTO "RAW_DATA"."RAW_EVENTS_STREAM" SELECT * FROM "RAW_DATA"."RAW_EVENTS_STREAM" LIMIT 1',
      );
    } finally {
      await warehouse.close();
    }
    const report = join(tempDir(), 'failed.json');
    const { code, stdout } = await cli(['validate', '--db', db, '--skip', 'late_events', '--report', report]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^FAIL\s+duplicates_raw_events_stream/m);
    const json = JSON.parse(await readFile(report, 'utf8')) as CheckReport;
    expect(json.status).toBe('FAIL');
    expect(json.checks.find((c) => c.name === 'duplicates_raw_events_stream')?.value).toBe(1);
  });
});
