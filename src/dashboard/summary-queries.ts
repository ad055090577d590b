import { render } from '../ddl/render.js';
import type { SqlStatement } from '../ddl/renderer/sql-file.js';
import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import type { Bindable, Warehouse } from '../warehouse/warehouse.js';
import { DashboardError } from './errors.js';

/** One statement the summary runs, with its bound values. */
export interface DashboardQuery {
  readonly sql: string;
  readonly binds: readonly Bindable[];
}

/** Every statement behind one summary, for one dialect. */
export interface DashboardQueries {
  readonly dailyKpis: DashboardQuery;
  readonly revenueByCategory: DashboardQuery;
  readonly topProducts: DashboardQuery;
  readonly recentOrders: DashboardQuery;
  readonly stockForecast: DashboardQuery;
  readonly outOfStock: DashboardQuery;
  readonly health: DashboardQuery;
  readonly taskRuns: DashboardQuery;
  readonly taskRunCounts: DashboardQuery;
}

/** How far back the summary looks, and how many rows its lists keep. */
export interface DashboardWindow {
  /** First day counted by top products, `YYYY-MM-DD` (UTC). */
  readonly since: string;
  /**
   * Task runs scheduled at or after this instant count, `YYYY-MM-DD HH:MM:SS` (UTC); Snowflake's
   * history is read over its last 24 hours at most.
   */
  readonly runsSince: string;
  readonly topProducts: number;
  readonly recentOrders: number;
  readonly latestRuns: number;
}

/**
 * The summary's SQL for a warehouse's dialect. The analytics are the rendered 08_queries and
 * 05_monitoring statements of the wine shop; the few lists the seeds' dashboard adds (top products,
 * recent orders, task runs) are written here once for both dialects, with every value bound —
 * row counts too, through ROW_NUMBER, because Snowflake takes no bound value in LIMIT.
 *
 * @example
 * const q = dashboardQueries('duckdb', window);
 * const rows = await warehouse.execute(q.topProducts.sql, q.topProducts.binds);
 */
export function dashboardQueries(dialect: Warehouse['dialect'], window: DashboardWindow): DashboardQueries {
  const statements = renderedStatements(dialect);
  const rendered = (name: string): DashboardQuery => {
    const statement = statements.find((s) => s.name === name);
    if (statement === undefined) {
      throw new DashboardError('ERR_DASHBOARD_QUERY_MISSING', `no statement ${name} rendered for ${dialect}`);
    }
    return { sql: statement.sql, binds: [] };
  };
  return {
    dailyKpis: rendered('daily_kpis'),
    revenueByCategory: rendered('revenue_by_category'),
    stockForecast: rendered('stock_out_forecast'),
    outOfStock: rendered('alert_out_of_stock'),
    health: { sql: 'SELECT * FROM "MONITORING"."PIPELINE_HEALTH" ORDER BY "LAYER", "TABLE_NAME"', binds: [] },
    topProducts: {
      sql: `SELECT * FROM (
  SELECT "PRODUCT_ID", "PRODUCT_NAME", "PRODUCT_CATEGORY",
    SUM("QUANTITY") AS "UNITS_SOLD", SUM("TOTAL_AMOUNT") AS "REVENUE", COUNT(*) AS "ORDER_COUNT",
    ROW_NUMBER() OVER (ORDER BY SUM("TOTAL_AMOUNT") DESC, "PRODUCT_ID") AS "POSITION"
  FROM "PRODUCTION"."ORDERS"
  WHERE "ORDER_DATE" >= CAST(? AS DATE)
  GROUP BY "PRODUCT_ID", "PRODUCT_NAME", "PRODUCT_CATEGORY"
) AS p
WHERE "POSITION" <= ?
ORDER BY "POSITION"`,
      binds: [window.since, window.topProducts],
    },
    recentOrders: {
      sql: `SELECT * FROM (
  SELECT "ORDER_ID", "ORDER_TIMESTAMP", "CUSTOMER_ID", "PRODUCT_NAME", "PRODUCT_CATEGORY", "QUANTITY",
    "TOTAL_AMOUNT", "SALES_CHANNEL",
    ROW_NUMBER() OVER (ORDER BY "ORDER_TIMESTAMP" DESC, "ORDER_ID") AS "POSITION"
  FROM "PRODUCTION"."ORDERS"
) AS o
WHERE "POSITION" <= ?
ORDER BY "POSITION"`,
      binds: [window.recentOrders],
    },
    ...taskRunQueries(dialect, window),
  };
}

/**
 * Statements a connection runs once before the summary's: Snowflake's `USE DATABASE` of the spec,
 * whose tables the queries name by schema only. The session's warehouse is left as connected.
 *
 * @example
 * for (const sql of sessionStatements(warehouse.dialect)) await warehouse.execute(sql);
 */
export function sessionStatements(dialect: Warehouse['dialect']): string[] {
  return renderedStatements(dialect)
    .filter((s) => s.name === 'use_database')
    .map((s) => s.sql);
}

const renderedByDialect = new Map<Warehouse['dialect'], readonly SqlStatement[]>();

/** Rendered once per dialect: the summary is read every few seconds. */
function renderedStatements(dialect: Warehouse['dialect']): readonly SqlStatement[] {
  let statements = renderedByDialect.get(dialect);
  if (statements === undefined) {
    statements = render(wineShopSpec, { dialect }).flatMap((file) => file.statements);
    renderedByDialect.set(dialect, statements);
  }
  return statements;
}

/** The latest task runs and the runs per state, over the same window of task history. */
function taskRunQueries(
  dialect: Warehouse['dialect'],
  window: DashboardWindow,
): Pick<DashboardQueries, 'taskRuns' | 'taskRunCounts'> {
  const runs = dialect === 'duckdb' ? LOCAL_RUNS : SNOWFLAKE_RUNS;
  return {
    taskRuns: {
      sql: `SELECT "NAME", "STATE", "ERROR_MESSAGE", "SCHEDULED_TIME", "COMPLETED_TIME", "ROWS_READ" FROM (
  SELECT r.*, ROW_NUMBER() OVER (ORDER BY r."COMPLETED_TIME" DESC NULLS LAST, r."NAME") AS "POSITION"
  FROM ${runs} AS r
) AS l
WHERE "POSITION" <= ?
ORDER BY "POSITION"`,
      binds: [window.runsSince, window.latestRuns],
    },
    taskRunCounts: {
      sql: `SELECT r."STATE", COUNT(*) AS "RUNS" FROM ${runs} AS r GROUP BY r."STATE" ORDER BY r."STATE"`,
      binds: [window.runsSince],
    },
  };
}

/** Local mode records its runs in EVENTFLAKE_LOCAL.TASK_HISTORY, with Snowflake's column names. */
const LOCAL_RUNS = `(
  SELECT "NAME", "STATE", "ERROR_MESSAGE", "SCHEDULED_TIME", "COMPLETED_TIME", "ROWS_READ"
  FROM "EVENTFLAKE_LOCAL"."TASK_HISTORY"
  WHERE "SCHEDULED_TIME" >= CAST(? AS TIMESTAMP)
)`;

/** Snowflake's own history of the current database's tasks; it keeps no row counts. */
const SNOWFLAKE_RUNS = `(
  SELECT NAME AS "NAME", STATE AS "STATE", ERROR_MESSAGE AS "ERROR_MESSAGE",
    SCHEDULED_TIME AS "SCHEDULED_TIME", COMPLETED_TIME AS "COMPLETED_TIME", NULL AS "ROWS_READ"
  FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(
    SCHEDULED_TIME_RANGE_START => DATEADD(HOUR, -24, CURRENT_TIMESTAMP()),
    RESULT_LIMIT => 1000
  ))
  WHERE STATE IN ('SUCCEEDED', 'FAILED', 'SKIPPED') AND SCHEDULED_TIME >= TO_TIMESTAMP_TZ(?)
)`;
