import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../../src/dashboard/dashboard-server.js';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import { cacheRoot } from '../../setup/services.js';
import { launchChromium } from './browser.js';
import { landAndRun } from './seeded-run.js';

const DAY_MS = 86_400_000;
const count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const dailyKpisSql = render(wineShopSpec, { dialect: 'duckdb' })
  .flatMap((file) => file.statements)
  .find((s) => s.name === 'daily_kpis')?.sql;

/** The four KPI cards as the page must show them, from the rendered daily_kpis on the warehouse. */
async function expectedCards(local: LocalPipeline): Promise<Record<string, string>> {
  if (dailyKpisSql === undefined) throw new Error('daily_kpis is not rendered for duckdb');
  const today = new Date().toISOString().slice(0, 10);
  const rows = await local.warehouse.execute(dailyKpisSql);
  const row = rows.find((r) => r.ORDER_DATE instanceof Date && r.ORDER_DATE.toISOString().startsWith(today));
  return {
    ordersToday: count.format(Number(row?.ORDER_COUNT ?? 0)),
    revenueToday: euros.format(Number(row?.REVENUE ?? 0)),
    averageBasketToday: euros.format(Number(row?.AVG_ORDER_VALUE ?? 0)),
    uniqueCustomersToday: count.format(Number(row?.UNIQUE_CUSTOMERS ?? 0)),
  };
}

async function shownCards(page: Page): Promise<Record<string, string>> {
  const cards: Record<string, string> = {};
  for (const key of ['ordersToday', 'revenueToday', 'averageBasketToday', 'uniqueCustomersToday']) {
    cards[key] = (await page.locator(`[data-kpi="${key}"] .value`).textContent()) ?? '';
  }
  return cards;
}

async function letters(path: string): Promise<number> {
  let n = 0;
  for await (const _letter of readDeadLetters(path)) n += 1;
  return n;
}

describe('eventflake dashboard in headless Chromium', () => {
  let dir: string;
  let local: LocalPipeline;
  let dashboard: Dashboard;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let dlqPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflake-dashboard-'));
    dlqPath = join(dir, 'dead-letters.jsonl');
    // The dashboard and the writer share one DuckDbWarehouse in this process: a DuckDB file is held
    // by one process at a time.
    local = await LocalPipeline.open({ path: join(dir, 'caves.duckdb') });
    await landAndRun(local, { seed: 7, events: 3_000, spanMs: 2 * DAY_MS, dlqPath });
    // 60 s by default: the page's ?refresh=1 must override it for the update below to show.
    dashboard = await startDashboard({ warehouse: local.warehouse, port: 0, dlqPath, refreshSeconds: 60 });
  });

  /** Launched inside the tests, so a missing Chromium fails them instead of leaving them skipped. */
  async function dashboardPage(): Promise<Page> {
    if (page !== undefined) return page;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    // ?refresh=1: the page re-reads the summary every second.
    await page.goto(`${dashboard.url}?refresh=1`);
    await page.waitForSelector('body[data-generated-at]');
    return page;
  }

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await local?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the KPI cards, health and dead letters the warehouse holds', async () => {
    const page = await dashboardPage();

    expect(await shownCards(page)).toEqual(await expectedCards(local));
    const [raw] = await local.warehouse.execute('SELECT COUNT(*) AS N FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
    const rawRow = page.locator('#health tbody tr', { hasText: 'RAW_EVENTS_STREAM' });
    await expect.poll(() => rawRow.locator('td').nth(2).textContent()).toBe(count.format(Number(raw?.N)));
    const dlq = await letters(dlqPath);
    expect(dlq).toBeGreaterThan(0);
    expect(await page.locator('#dlq-count').textContent()).toBe(count.format(dlq));
    expect(await page.locator('#errors').isHidden()).toBe(true);
    expect(await page.locator('#category-chart').boundingBox()).not.toBeNull();

    mkdirSync(join(cacheRoot, '..', 'dashboard'), { recursive: true });
    await page.screenshot({ path: join(cacheRoot, '..', 'dashboard', 'dashboard.png'), fullPage: true });
  });

  it('updates the orders after new events land and the task graphs run', async () => {
    const page = await dashboardPage();
    const before = await expectedCards(local);
    expect(await shownCards(page)).toEqual(before);

    await landAndRun(local, { seed: 8, events: 400, spanMs: 60_000, dlqPath });
    const after = await expectedCards(local);
    expect(after.ordersToday).not.toBe(before.ordersToday);

    // Wait for the page's next refreshes to bring the new figures.
    const orders = page.locator('[data-kpi="ordersToday"] .value');
    await expect.poll(() => orders.textContent(), { timeout: 30_000 }).toBe(after.ordersToday);
    expect(await shownCards(page)).toEqual(after);
  });
});
