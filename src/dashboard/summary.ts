import { existsSync } from 'node:fs';
import { readDeadLetters } from '../sink/jsonl-file-dead-letter-queue.js';
import type { Row, Warehouse } from '../warehouse/warehouse.js';
import {
  type DashboardQueries,
  type DashboardQuery,
  dashboardQueries,
  sessionStatements,
} from './summary-queries.js';

/** A JSON value as the page receives it: numbers as numbers, instants and dates as ISO 8601 text. */
export type SummaryValue = string | number | boolean | null;
export type SummaryRow = Record<string, SummaryValue>;

/** Today's figures from the rendered `daily_kpis`, and the 30 days it covers. */
export interface SummaryKpis {
  /** The UTC day the figures are for, `YYYY-MM-DD`. */
  readonly date: string;
  readonly ordersToday: number;
  readonly revenueToday: number;
  /** Average TOTAL_AMOUNT of today's orders; 0 without orders. */
  readonly averageBasketToday: number;
  readonly uniqueCustomersToday: number;
  readonly orders30Days: number;
  readonly revenue30Days: number;
}

/** What GET /api/summary answers. A section whose query failed is empty and named in `errors`. */
export interface DashboardSummary {
  readonly generatedAt: string;
  readonly dialect: Warehouse['dialect'];
  readonly kpis: SummaryKpis;
  readonly dailyKpis: SummaryRow[];
  readonly revenueByCategory: SummaryRow[];
  readonly topProducts: SummaryRow[];
  readonly recentOrders: SummaryRow[];
  /** stock_out_forecast rows not `OK` (fewer than 14 days of stock left), the fewest days first, at most 15. */
  readonly stockAlerts: SummaryRow[];
  /** How many products stock_out_forecast flags in all. */
  readonly stockAlertCount: number;
  /** alert_out_of_stock: products at zero or below. */
  readonly outOfStock: SummaryRow[];
  /** MONITORING.PIPELINE_HEALTH: rows and last timestamp per table and layer. */
  readonly health: SummaryRow[];
  readonly taskRuns: { readonly byState: Record<string, number>; readonly latest: SummaryRow[] };
  /** Letters in the dead-letter file; null when the dashboard was given none. */
  readonly deadLetters: number | null;
  /** Section → first line of what went wrong. */
  readonly errors: Record<string, string>;
}

/** Options of {@link readSummary}. */
export interface ReadSummaryOptions {
  readonly dlqPath?: string;
  /** @default new Date() */
  readonly now?: Date;
}

const DAY_MS = 86_400_000;
const STOCK_ALERTS_SHOWN = 15;

/**
 * Runs the dashboard's queries on a warehouse, one after the other (a DuckDB connection runs one
 * statement at a time anyway), and shapes the rows for the page.
 *
 * @example
 * const summary = await readSummary(local.warehouse, { dlqPath: 'caves.duckdb.dead-letters.jsonl' });
 * console.log(summary.kpis.ordersToday);
 */
export async function readSummary(
  warehouse: Warehouse,
  options: ReadSummaryOptions = {},
): Promise<DashboardSummary> {
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const queries = dashboardQueries(warehouse.dialect, {
    since: new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10),
    runsSince: new Date(now.getTime() - DAY_MS).toISOString().slice(0, 19).replace('T', ' '),
    topProducts: 10,
    recentOrders: 12,
    latestRuns: 10,
  });
  const errors: Record<string, string> = {};
  const rows = async (section: keyof DashboardQueries, query: DashboardQuery): Promise<SummaryRow[]> => {
    try {
      return (await warehouse.execute(query.sql, query.binds)).map(toSummaryRow);
    } catch (error) {
      errors[section] = firstLine(error);
      return [];
    }
  };
  const dailyKpis = await rows('dailyKpis', queries.dailyKpis);
  const forecast = await rows('stockForecast', queries.stockForecast);
  const alerts = forecast.filter((r) => r.STOCK_STATUS !== 'OK');
  const counts = await rows('taskRunCounts', queries.taskRunCounts);
  return {
    generatedAt: now.toISOString(),
    dialect: warehouse.dialect,
    kpis: kpisOf(dailyKpis, today),
    dailyKpis,
    revenueByCategory: await rows('revenueByCategory', queries.revenueByCategory),
    topProducts: await rows('topProducts', queries.topProducts),
    recentOrders: await rows('recentOrders', queries.recentOrders),
    stockAlerts: alerts.slice(0, STOCK_ALERTS_SHOWN),
    stockAlertCount: alerts.length,
    outOfStock: await rows('outOfStock', queries.outOfStock),
    health: await rows('health', queries.health),
    taskRuns: {
      byState: Object.fromEntries(counts.map((r) => [String(r.STATE), Number(r.RUNS)])),
      latest: await rows('taskRuns', queries.taskRuns),
    },
    deadLetters: await countLetters(options.dlqPath, errors),
    errors,
  };
}

/**
 * Runs the statements a connection needs once (Snowflake's `USE DATABASE` of the spec) before any
 * summary is read.
 *
 * @example
 * await prepareSession(warehouse);
 */
export async function prepareSession(warehouse: Warehouse): Promise<void> {
  for (const sql of sessionStatements(warehouse.dialect)) await warehouse.execute(sql);
}

function kpisOf(daily: readonly SummaryRow[], today: string): SummaryKpis {
  const row = daily.find((r) => String(r.ORDER_DATE).slice(0, 10) === today);
  const sum = (column: string) => daily.reduce((total, r) => total + Number(r[column] ?? 0), 0);
  return {
    date: today,
    ordersToday: Number(row?.ORDER_COUNT ?? 0),
    revenueToday: Number(row?.REVENUE ?? 0),
    averageBasketToday: Number(row?.AVG_ORDER_VALUE ?? 0),
    uniqueCustomersToday: Number(row?.UNIQUE_CUSTOMERS ?? 0),
    orders30Days: sum('ORDER_COUNT'),
    revenue30Days: sum('REVENUE'),
  };
}

async function countLetters(
  path: string | undefined,
  errors: Record<string, string>,
): Promise<number | null> {
  if (path === undefined) return null;
  // The queue creates its file with the first letter: no file means none yet.
  if (!existsSync(path)) return 0;
  try {
    let letters = 0;
    for await (const _letter of readDeadLetters(path)) letters += 1;
    return letters;
  } catch (error) {
    errors.deadLetters = firstLine(error);
    return null;
  }
}

/** Drivers hand back bigints, Dates and decimals; JSON and the page want plain values. */
function toSummaryRow(row: Row): SummaryRow {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, toSummaryValue(value)]));
}

function toSummaryValue(value: unknown): SummaryValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}
