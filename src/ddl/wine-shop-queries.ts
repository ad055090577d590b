import { lateEventsQuery } from './spec/alerts.js';
import { findColumn } from './spec/columns.js';
import { nameText } from './spec/names.js';
import { type QueryNode, query } from './spec/queries.js';
import type { TableNode } from './spec/tables.js';

/** Fails at spec time, not in a dashboard, when a query names a column the table lacks. */
function need(table: TableNode, columns: readonly string[]): void {
  for (const c of columns) findColumn(table.columns, c, `table ${nameText(table.name)}`);
}

/**
 * The analytics of seeds 000 and 001 over the wine shop's tables: daily KPIs, revenue by category,
 * top customers, stock-out forecast, seasonality and late events.
 *
 * @example
 * wineShopQueries({ raw, orders, inventory }).map((q) => q.name);
 */
export function wineShopQueries(tables: {
  raw: TableNode;
  orders: TableNode;
  inventory: TableNode;
}): QueryNode[] {
  const { raw, orders, inventory } = tables;
  need(orders, [
    'ORDER_DATE',
    'ORDER_TIMESTAMP',
    'TOTAL_AMOUNT',
    'CUSTOMER_ID',
    'PRODUCT_ID',
    'PRODUCT_NAME',
  ]);
  need(orders, ['PRODUCT_CATEGORY', 'QUANTITY', 'UNIT_PRICE']);
  need(inventory, ['PRODUCT_ID', 'PRODUCT_NAME', 'PRODUCT_CATEGORY', 'CURRENT_STOCK_LEVEL']);
  return [
    query('daily_kpis', 'Orders, revenue, average basket and customers per day (last 30 days)', (q) => {
      const total = q.id('TOTAL_AMOUNT');
      return `SELECT
  ${q.id('ORDER_DATE')},
  COUNT(*) AS ${q.id('ORDER_COUNT')},
  SUM(${total}) AS ${q.id('REVENUE')},
  AVG(${total}) AS ${q.id('AVG_ORDER_VALUE')},
  COUNT(DISTINCT ${q.id('CUSTOMER_ID')}) AS ${q.id('UNIQUE_CUSTOMERS')}
FROM ${q.table(orders)}
WHERE ${q.id('ORDER_DATE')} >= ${q.minus(q.today(), 30, 'day')}
GROUP BY ${q.id('ORDER_DATE')}
ORDER BY ${q.id('ORDER_DATE')} DESC`;
    }),
    query('revenue_by_category', 'Sales per wine category (last 30 days)', (q) => {
      return `SELECT
  ${q.id('PRODUCT_CATEGORY')},
  COUNT(*) AS ${q.id('ORDER_COUNT')},
  SUM(${q.id('QUANTITY')}) AS ${q.id('UNITS_SOLD')},
  SUM(${q.id('TOTAL_AMOUNT')}) AS ${q.id('TOTAL_REVENUE')},
  AVG(${q.id('UNIT_PRICE')}) AS ${q.id('AVG_PRICE')}
FROM ${q.table(orders)}
WHERE ${q.id('ORDER_DATE')} >= ${q.minus(q.today(), 30, 'day')}
GROUP BY ${q.id('PRODUCT_CATEGORY')}
ORDER BY ${q.id('TOTAL_REVENUE')} DESC`;
    }),
    query('top_customers', 'The 20 most valuable customers with at least 5 orders', (q) => {
      const total = q.id('TOTAL_AMOUNT');
      const date = q.id('ORDER_DATE');
      return `SELECT
  ${q.id('CUSTOMER_ID')},
  COUNT(*) AS ${q.id('ORDER_COUNT')},
  SUM(${total}) AS ${q.id('LIFETIME_VALUE')},
  AVG(${total}) AS ${q.id('AVG_ORDER_VALUE')},
  MAX(${date}) AS ${q.id('LAST_ORDER_DATE')},
  ${q.diff('day', `MAX(${date})`, q.today())} AS ${q.id('DAYS_SINCE_LAST_ORDER')}
FROM ${q.table(orders)}
GROUP BY ${q.id('CUSTOMER_ID')}
HAVING COUNT(*) >= 5
ORDER BY ${q.id('LIFETIME_VALUE')} DESC
LIMIT 20`;
    }),
    query('stock_out_forecast', 'Days of stock left at the average daily sales of the last 30 days', (q) => {
      const [product, level, avg] = [
        q.id('PRODUCT_ID'),
        q.id('CURRENT_STOCK_LEVEL'),
        q.id('AVG_DAILY_SALES'),
      ];
      const daysLeft = `i.${level} / s.${avg}`;
      return `WITH ${q.id('DAILY_SALES')} AS (
  SELECT ${product}, AVG(d.${q.id('DAILY_QUANTITY')}) AS ${avg}
  FROM (
    SELECT ${product}, ${q.id('ORDER_DATE')}, SUM(${q.id('QUANTITY')}) AS ${q.id('DAILY_QUANTITY')}
    FROM ${q.table(orders)}
    WHERE ${q.id('ORDER_DATE')} >= ${q.minus(q.today(), 30, 'day')}
    GROUP BY ${product}, ${q.id('ORDER_DATE')}
  ) AS d
  GROUP BY ${product}
)
SELECT
  i.${product},
  i.${q.id('PRODUCT_NAME')},
  i.${q.id('PRODUCT_CATEGORY')},
  i.${level},
  s.${avg},
  ROUND(${daysLeft}, 1) AS ${q.id('DAYS_OF_STOCK_REMAINING')},
  CASE
    WHEN ${daysLeft} < 7 THEN ${q.text('URGENT')}
    WHEN ${daysLeft} < 14 THEN ${q.text('ATTENTION')}
    ELSE ${q.text('OK')}
  END AS ${q.id('STOCK_STATUS')}
FROM ${q.table(inventory)} AS i
JOIN ${q.id('DAILY_SALES')} AS s ON i.${product} = s.${product}
WHERE s.${avg} > 0
ORDER BY ${q.id('DAYS_OF_STOCK_REMAINING')} ASC`;
    }),
    query('seasonality', 'Orders and revenue by weekday and hour (last 90 days)', (q) => {
      const day = q.dayName(q.id('ORDER_DATE'));
      const hour = q.hourOf(q.id('ORDER_TIMESTAMP'));
      return `SELECT
  ${day} AS ${q.id('DAY_OF_WEEK')},
  ${hour} AS ${q.id('HOUR_OF_DAY')},
  COUNT(*) AS ${q.id('ORDER_COUNT')},
  SUM(${q.id('TOTAL_AMOUNT')}) AS ${q.id('REVENUE')}
FROM ${q.table(orders)}
WHERE ${q.id('ORDER_DATE')} >= ${q.minus(q.today(), 90, 'day')}
GROUP BY ${day}, ${hour}
ORDER BY ${q.id('ORDER_COUNT')} DESC`;
    }),
    lateEventsQuery(raw, { thresholdMinutes: 5, days: 7 }),
  ];
}
