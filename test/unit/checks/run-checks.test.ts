import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../../src/checks/definition.js';
import { formatReport } from '../../../src/checks/format-report.js';
import { exitCodeFor, overallStatus, writeReport } from '../../../src/checks/report.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import { wineShopChecks } from '../../../src/checks/wine-shop-checks.js';
import { EventflakeError } from '../../../src/errors.js';
import type { Bindable, Row, Warehouse } from '../../../src/warehouse/warehouse.js';

const BUILT_IN = ['reconciliation', 'duplicates', 'quality', 'timeliness', 'health'];

function fakeWarehouse(
  answer: (sql: string, binds: readonly Bindable[]) => Row[],
): Warehouse & { seen: string[] } {
  const seen: string[] = [];
  return {
    dialect: 'duckdb',
    seen,
    execute: async (sql, binds = []) => {
      seen.push(sql);
      return answer(sql, binds);
    },
    insertRawEvents: async () => ({ inserted: 0, skipped: 0 }),
    close: async () => undefined,
  };
}

describe('exit codes', () => {
  const of = (...statuses: ('PASS' | 'WARN' | 'FAIL' | 'ERROR' | 'SKIP')[]) =>
    exitCodeFor({ checks: statuses.map((status) => ({ status })) });

  it('are 0 pass (skips ignored), 1 warnings only, 2 a failure, 3 a check that could not run', () => {
    expect(of('PASS', 'SKIP')).toBe(0);
    expect(of()).toBe(0);
    expect(of('PASS', 'WARN')).toBe(1);
    expect(of('WARN', 'FAIL', 'PASS')).toBe(2);
    expect(of('FAIL', 'ERROR')).toBe(3);
    expect(overallStatus([{ status: 'SKIP' }])).toBe('PASS');
  });
});

describe('runChecks', () => {
  it('reports a statement that throws as ERROR with the error code, and never throws itself', async () => {
    const warehouse = fakeWarehouse(() => {
      throw new EventflakeError('ERR_DUCKDB_QUERY', 'DuckDB statement failed: no such table\nLINE 1: ...');
    });
    const report = await runChecks({ warehouse, ...wineShopChecks });
    expect(report.checks.length).toBeGreaterThan(10);
    expect(report.checks.every((c) => c.status === 'ERROR')).toBe(true);
    expect(report.checks[0]?.message).toBe(
      'could not run: ERR_DUCKDB_QUERY: DuckDB statement failed: no such table',
    );
    expect(report).toMatchObject({ status: 'ERROR', exitCode: 3 });
  });

  it('runs custom SQL checks with their binds and severities, and function checks', async () => {
    const warehouse = fakeWarehouse((_sql, binds) => [{ n: binds[0] === 'E-com' ? 3 : 0 }]);
    const report = await runChecks({
      warehouse,
      ...wineShopChecks,
      skip: BUILT_IN,
      custom: [
        defineCheck({
          name: 'web_orders_unpaid',
          severity: 'warn',
          threshold: 2,
          sql: (q) =>
            `SELECT COUNT(*) FROM ${q.table({ schema: 'PRODUCTION', name: 'ORDERS' })} WHERE ${q.id('SALES_CHANNEL')} = ?`,
          binds: ['E-com'],
        }),
        defineCheck({ name: 'shop_orders_unpaid', sql: 'SELECT 0', binds: ['Boutique'] }),
        defineCheck({ name: 'ledger_gaps', run: async () => 1 }),
      ],
    });
    const custom = report.checks.filter((c) => c.category === 'custom');
    expect(custom.map((c) => [c.name, c.status, c.value])).toEqual([
      ['web_orders_unpaid', 'WARN', 3],
      ['shop_orders_unpaid', 'PASS', 0],
      ['ledger_gaps', 'FAIL', 1],
    ]);
    expect(custom[0]?.sql).toBe('SELECT COUNT(*) FROM "PRODUCTION"."ORDERS" WHERE "SALES_CHANNEL" = ?');
    expect(custom[2]?.sql).toBeNull();
    expect(report.checks.filter((c) => c.category !== 'custom').every((c) => c.status === 'SKIP')).toBe(true);
    expect(report.exitCode).toBe(2);
    expect(warehouse.seen).toHaveLength(2);
  });

  it('reports a custom statement that returns no row as ERROR', async () => {
    const report = await runChecks({
      warehouse: fakeWarehouse(() => []),
      ...wineShopChecks,
      skip: BUILT_IN,
      custom: [defineCheck({ name: 'empty_answer', sql: 'SELECT 1 WHERE FALSE' })],
    });
    expect(report.checks.find((c) => c.name === 'empty_answer')?.status).toBe('ERROR');
  });

  it('rejects a skip entry that names no check or category, checks sharing a name, and bad thresholds', async () => {
    const warehouse = fakeWarehouse(() => []);
    await expect(runChecks({ warehouse, ...wineShopChecks, skip: ['helth'] })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
    });
    await expect(
      runChecks({
        warehouse,
        ...wineShopChecks,
        custom: [defineCheck({ name: 'late_events', sql: 'SELECT 0' })],
      }),
    ).rejects.toMatchObject({ code: 'ERR_CONFIG' });
    await expect(
      runChecks({ warehouse, ...wineShopChecks, thresholds: { latencyMinutes: { warn: 30, fail: 5 } } }),
    ).rejects.toMatchObject({ code: 'ERR_CONFIG', field: 'thresholds.latencyMinutes.warn' });
    expect(() => defineCheck({ name: 'Bad Name', sql: 'SELECT 0' })).toThrow(/lower snake case/);
    expect(() => defineCheck({ name: 'x', severity: 'info' as 'warn', sql: 'SELECT 0' })).toThrow(/severity/);
  });

  it('uses thresholds given by the caller in both the SQL and the verdict', async () => {
    const warehouse = fakeWarehouse((sql) =>
      sql.includes('"LATE_EVENTS"') ? [{ LATE_EVENTS: 4, MAX_DELAY_MINUTES: 90 }] : [],
    );
    const report = await runChecks({
      warehouse,
      ...wineShopChecks,
      skip: ['reconciliation', 'duplicates', 'quality', 'health'],
      thresholds: { lateAfterMinutes: 60, lateEvents: { warn: 1, fail: 3 } },
    });
    const late = report.checks.find((c) => c.name === 'late_events');
    expect(late).toMatchObject({ status: 'FAIL', value: 4, threshold: { warn: 1, fail: 3 } });
    expect(late?.sql).toContain('> 60');
  });
});

describe('formatReport and writeReport', () => {
  it('print one line per check and the exit code; write the report as JSON', async () => {
    const report = await runChecks({
      warehouse: fakeWarehouse(() => [{ n: 0 }]),
      ...wineShopChecks,
      skip: BUILT_IN,
      custom: [defineCheck({ name: 'always_zero', sql: 'SELECT 0' })],
    });
    const text = formatReport(report);
    const lines = text.split('\n');
    expect(lines.filter((l) => /^(PASS|WARN|FAIL|ERROR|SKIP) /.test(l))).toHaveLength(report.checks.length);
    expect(text).toContain('always_zero');
    expect(lines.at(-1)).toMatch(/^Overall: PASS \(1 PASS, \d+ SKIP\), exit code 0$/);

    const path = join(await mkdtemp(join(tmpdir(), 'eventflake-checks-')), 'reports', 'checks.json');
    await writeReport(report, path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(report);
  });
});
