import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWineShopDb, type WineShopDb } from './wine-shop-db.js';
import { adjustment, minutesAgo, order, tampered } from './wine-shop-events.js';

describe('wine shop monitoring, maintenance and analytics on DuckDB', () => {
  let db: WineShopDb;

  beforeEach(async () => {
    db = await openWineShopDb();
  });

  afterEach(async () => {
    await db.wh.close();
  });

  it('trims text, and leaves out of STAGING a row whose required field does not convert, which an alert then reports', async () => {
    const padded = tampered(
      order({ orderId: 'ORD-20261123-000030', at: minutesAgo(2), quantity: 1, unitPrice: 5 }),
      (d) => {
        d.product_name = '   Chablis 2022  ';
        d.payment_method = ' PAYPAL ';
      },
    );
    const broken = tampered(
      order({ orderId: 'ORD-20261123-000031', at: minutesAgo(2), quantity: 1, unitPrice: 5 }),
      (d) => {
        d.quantity = 'many';
      },
    );
    await db.land(padded, broken);
    await db.dag.runOnce();
    expect(
      await db.wh.execute('SELECT ORDER_ID, PRODUCT_NAME, PAYMENT_METHOD FROM STAGING.STG_ORDERS'),
    ).toEqual([{ ORDER_ID: 'ORD-20261123-000030', PRODUCT_NAME: 'Chablis 2022', PAYMENT_METHOD: 'PAYPAL' }]);

    await db.wh.execute(
      `UPDATE RAW_DATA.RAW_EVENTS_STREAM SET INGESTION_TIMESTAMP = INGESTION_TIMESTAMP - INTERVAL 1 HOUR WHERE EVENT_ID = ?`,
      [broken.eventId],
    );
    const rows = await db.run('05_monitoring.sql', 'alert_unstaged_stg_orders');
    expect(rows.map((r) => Number(r.UNSTAGED_EVENTS))).toEqual([1]);
  });

  it('reports row counts and last activity per layer in MONITORING.PIPELINE_HEALTH', async () => {
    await db.land(
      order({ orderId: 'ORD-20261123-000040', at: minutesAgo(2), quantity: 1, unitPrice: 5 }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000040',
        at: minutesAgo(2),
        product: 'PROD-005',
        change: 1,
        level: 1,
      }),
    );
    await db.dag.runOnce();
    const health = await db.wh.execute(
      `SELECT TABLE_NAME, CAST(ROW_COUNT AS INTEGER) AS ROW_COUNT, LAST_INGESTION IS NOT NULL AS seen, LAYER
       FROM MONITORING.PIPELINE_HEALTH`,
    );
    expect(health).toEqual([
      { TABLE_NAME: 'RAW_EVENTS_STREAM', ROW_COUNT: 2, seen: true, LAYER: 'RAW' },
      { TABLE_NAME: 'STG_ORDERS', ROW_COUNT: 1, seen: true, LAYER: 'STAGING' },
      { TABLE_NAME: 'STG_INVENTORY_ADJUSTMENTS', ROW_COUNT: 1, seen: true, LAYER: 'STAGING' },
      { TABLE_NAME: 'ORDERS', ROW_COUNT: 1, seen: true, LAYER: 'PRODUCTION' },
      { TABLE_NAME: 'INVENTORY_HISTORY', ROW_COUNT: 1, seen: true, LAYER: 'PRODUCTION' },
      { TABLE_NAME: 'INVENTORY_CURRENT', ROW_COUNT: 1, seen: true, LAYER: 'PRODUCTION' },
    ]);
  });

  it('archives history older than a year once, even when maintenance runs twice', async () => {
    await db.land(
      adjustment({
        adjustmentId: 'ADJ-20241123-000050',
        at: minutesAgo(60 * 24 * 800),
        product: 'PROD-006',
        change: 3,
        level: 3,
      }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000051',
        at: minutesAgo(2),
        product: 'PROD-006',
        change: 1,
        level: 4,
      }),
    );
    await db.dag.runOnce();
    await db.dag.apply('maintenance');
    await db.dag.apply('maintenance');
    const ids = async (table: string) =>
      (await db.wh.execute(`SELECT ADJUSTMENT_ID FROM ${table} ORDER BY 1`)).map((r) => r.ADJUSTMENT_ID);
    expect(await ids('PRODUCTION.INVENTORY_HISTORY_ARCHIVE')).toEqual(['ADJ-20241123-000050']);
    expect(await ids('PRODUCTION.INVENTORY_HISTORY')).toEqual(['ADJ-20261123-000051']);
  });

  it('answers the analytics queries from the PRODUCTION tables', async () => {
    await db.land(
      order({ orderId: 'ORD-20261123-000060', at: minutesAgo(10), quantity: 2, unitPrice: 100 }),
      order({ orderId: 'ORD-20261123-000061', at: minutesAgo(9), quantity: 1, unitPrice: 50 }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000060',
        at: minutesAgo(8),
        product: 'PROD-001',
        change: 3,
        level: 3,
      }),
    );
    await db.dag.runOnce();
    const run = (name: string) => db.run('08_queries.sql', name);
    const kpis = await run('daily_kpis');
    expect(kpis.reduce((sum, r) => sum + Number(r.ORDER_COUNT), 0)).toBe(2);
    expect(kpis.reduce((sum, r) => sum + Number(r.REVENUE), 0)).toBe(250);
    expect((await run('revenue_by_category')).map((r) => [r.PRODUCT_CATEGORY, Number(r.UNITS_SOLD)])).toEqual(
      [['Rouge', 3]],
    );
    const forecast = await run('stock_out_forecast');
    expect(forecast.map((r) => [r.PRODUCT_ID, Number(r.CURRENT_STOCK_LEVEL), r.STOCK_STATUS])).toEqual([
      ['PROD-001', 3, 'URGENT'],
    ]);
    expect((await run('seasonality')).reduce((sum, r) => sum + Number(r.ORDER_COUNT), 0)).toBe(2);
  });
});
