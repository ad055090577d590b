import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWineShopDb, type WineShopDb } from './wine-shop-db.js';
import { adjustment, minutesAgo, order } from './wine-shop-events.js';

describe('wine shop transforms on DuckDB', () => {
  let db: WineShopDb;
  const orders = () =>
    db.wh.execute(
      `SELECT ORDER_ID, CAST(QUANTITY AS INTEGER) AS QUANTITY, CAST(TOTAL_AMOUNT AS DOUBLE) AS TOTAL,
              strftime(ORDER_TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%g') AS AT, EVENT_ID
       FROM PRODUCTION.ORDERS ORDER BY ORDER_ID`,
    );
  const current = () =>
    db.wh.execute(
      `SELECT PRODUCT_ID, CAST(CURRENT_STOCK_LEVEL AS INTEGER) AS LEVEL, LAST_ADJUSTMENT_ID
       FROM PRODUCTION.INVENTORY_CURRENT ORDER BY PRODUCT_ID`,
    );

  beforeEach(async () => {
    db = await openWineShopDb();
  });

  afterEach(async () => {
    await db.wh.close();
  });

  it('creates every table and the health view, and runs every alert, maintenance and analytics statement', async () => {
    const objects = await db.wh.execute(
      `SELECT table_schema || '.' || table_name AS name, table_type AS type FROM information_schema.tables
       WHERE table_schema IN ('RAW_DATA', 'STAGING', 'PRODUCTION', 'MONITORING') ORDER BY 1`,
    );
    expect(objects).toEqual([
      { name: 'MONITORING.PIPELINE_HEALTH', type: 'VIEW' },
      { name: 'PRODUCTION.INVENTORY_CURRENT', type: 'BASE TABLE' },
      { name: 'PRODUCTION.INVENTORY_HISTORY', type: 'BASE TABLE' },
      { name: 'PRODUCTION.INVENTORY_HISTORY_ARCHIVE', type: 'BASE TABLE' },
      { name: 'PRODUCTION.ORDERS', type: 'BASE TABLE' },
      { name: 'RAW_DATA.RAW_EVENTS_STREAM', type: 'BASE TABLE' },
      { name: 'STAGING.STG_INVENTORY_ADJUSTMENTS', type: 'BASE TABLE' },
      { name: 'STAGING.STG_ORDERS', type: 'BASE TABLE' },
    ]);
    await db.dag.apply('maintenance', 'queries');
    await db.dag.runOnce();
  });

  it('stages and merges a batch: typed STAGING rows, one ORDERS row per order, the audit trail and the current level', async () => {
    await db.land(
      order({ orderId: 'ORD-20261123-000001', at: minutesAgo(3), quantity: 2, unitPrice: 450 }),
      order({
        orderId: 'ORD-20261123-000002',
        at: minutesAgo(2),
        quantity: 1,
        unitPrice: 89.9,
        product: 'PROD-002',
      }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000001',
        at: minutesAgo(5),
        product: 'PROD-007',
        change: 50,
        level: 250,
      }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000002',
        at: minutesAgo(4),
        product: 'PROD-007',
        change: -2,
        level: 248,
      }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000003',
        at: minutesAgo(4),
        product: 'PROD-008',
        change: 12,
        level: 12,
      }),
    );
    await db.dag.runOnce();

    const staged = await db.wh.execute(
      `SELECT ORDER_ID, PRODUCT_NAME, typeof(QUANTITY) AS qty_type, CAST(UNIT_PRICE AS DOUBLE) AS price,
              typeof(UNIT_PRICE) AS price_type, CAST(DISCOUNT AS DOUBLE) AS discount
       FROM STAGING.STG_ORDERS ORDER BY ORDER_ID`,
    );
    expect(staged).toEqual([
      {
        ORDER_ID: 'ORD-20261123-000001',
        PRODUCT_NAME: '🍷 Château Margaux 2015',
        qty_type: 'BIGINT',
        price: 450,
        price_type: 'DECIMAL(10,2)',
        discount: 0,
      },
      {
        ORDER_ID: 'ORD-20261123-000002',
        PRODUCT_NAME: '🍷 Château Margaux 2015',
        qty_type: 'BIGINT',
        price: 89.9,
        price_type: 'DECIMAL(10,2)',
        discount: 0,
      },
    ]);
    expect((await orders()).map((o) => [o.ORDER_ID, o.QUANTITY, o.TOTAL])).toEqual([
      ['ORD-20261123-000001', 2, 900],
      ['ORD-20261123-000002', 1, 89.9],
    ]);
    expect(await db.count('PRODUCTION.INVENTORY_HISTORY')).toBe(3);
    expect(await current()).toEqual([
      { PRODUCT_ID: 'PROD-007', LEVEL: 248, LAST_ADJUSTMENT_ID: 'ADJ-20261123-000002' },
      { PRODUCT_ID: 'PROD-008', LEVEL: 12, LAST_ADJUSTMENT_ID: 'ADJ-20261123-000003' },
    ]);
    const [dates] = await db.wh.execute(
      `SELECT bool_and(ORDER_DATE = CAST(ORDER_TIMESTAMP AS DATE)) AS same_day, bool_and(CREATED_AT = UPDATED_AT) AS fresh
       FROM PRODUCTION.ORDERS`,
    );
    expect(dates).toEqual({ same_day: true, fresh: true });
  });

  it('keeps the latest of two versions of one order landed in the same batch (the MERGE sees one row per key)', async () => {
    const newer = order({ orderId: 'ORD-20261123-000009', at: minutesAgo(1), quantity: 3, unitPrice: 20 });
    await db.land(
      newer,
      order({ orderId: 'ORD-20261123-000009', at: minutesAgo(6), quantity: 1, unitPrice: 20 }),
    );
    await db.dag.runOnce();
    expect(await db.count('STAGING.STG_ORDERS')).toBe(2);
    expect((await orders()).map((o) => [o.ORDER_ID, o.QUANTITY, o.EVENT_ID])).toEqual([
      ['ORD-20261123-000009', 3, newer.eventId],
    ]);
  });

  it('stages the latest landing of an EVENT_ID landed twice, and nothing for it when that landing fails a required field', async () => {
    const valid = order({ orderId: 'ORD-20261123-000030', at: minutesAgo(3), quantity: 2, unitPrice: 10 });
    const other = order({ orderId: 'ORD-20261123-000031', at: minutesAgo(3), quantity: 1, unitPrice: 10 });
    const broken = JSON.stringify({ ...JSON.parse(valid.eventData), quantity: 'two' });
    // Straight into RAW: the sink would never land an EVENT_ID twice, but RAW does not forbid it.
    const land = (row: typeof valid, data: string, minutes: number) =>
      db.wh.execute(
        `INSERT INTO RAW_DATA.RAW_EVENTS_STREAM ("EVENT_ID", "EVENT_TYPE", "EVENT_TIMESTAMP", "PRODUCT_ID",
           "CUSTOMER_ID", "EVENT_DATA", "EVENT_METADATA", "INGESTION_TIMESTAMP")
         VALUES (?, ?, CAST(? AS TIMESTAMP), ?, ?, CAST(? AS JSON), NULL,
           (now() AT TIME ZONE 'UTC') - to_minutes(CAST(? AS BIGINT)))`,
        [row.eventId, row.eventType, row.eventTimestamp, row.productId, row.customerId, data, minutes],
      );
    await land(valid, valid.eventData, 2);
    await land(valid, broken, 1);
    await land(other, broken, 2);
    await land(other, other.eventData, 1);
    await db.dag.runOnce();
    expect(
      await db.wh.execute('SELECT EVENT_ID, CAST(QUANTITY AS INTEGER) AS Q FROM STAGING.STG_ORDERS'),
    ).toEqual([{ EVENT_ID: other.eventId, Q: 1 }]);
  });

  it('trims only spaces while staging, as Snowflake does: a non-breaking space is kept', async () => {
    const row = order({ orderId: 'ORD-20261123-000040', at: minutesAgo(2), quantity: 1, unitPrice: 10 });
    const name = '\u00a0Château Margaux 2015\u2003';
    // Straight into RAW's JSON, as a producer outside eventflake's validation could land it.
    const data = { ...JSON.parse(row.eventData), order_id: '  ORD-20261123-000040 ', product_name: name };
    await db.land({ ...row, eventData: JSON.stringify(data) });
    await db.dag.runOnce();
    expect(await db.wh.execute('SELECT ORDER_ID, PRODUCT_NAME FROM STAGING.STG_ORDERS')).toEqual([
      { ORDER_ID: 'ORD-20261123-000040', PRODUCT_NAME: name },
    ]);
  });

  it('never lets a late event overwrite newer state, in ORDERS or INVENTORY_CURRENT, yet records it in the history', async () => {
    await db.land(
      order({ orderId: 'ORD-20261123-000010', at: minutesAgo(2), quantity: 4, unitPrice: 10 }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000010',
        at: minutesAgo(2),
        product: 'PROD-003',
        change: -1,
        level: 10,
      }),
    );
    await db.dag.runOnce();
    const before = await orders();
    await db.land(
      order({ orderId: 'ORD-20261123-000010', at: minutesAgo(30), quantity: 1, unitPrice: 10 }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000011',
        at: minutesAgo(30),
        product: 'PROD-003',
        change: 99,
        level: 99,
      }),
    );
    await db.dag.runOnce();
    expect(await orders()).toEqual(before);
    expect(await current()).toEqual([
      { PRODUCT_ID: 'PROD-003', LEVEL: 10, LAST_ADJUSTMENT_ID: 'ADJ-20261123-000010' },
    ]);
    expect(await db.count('PRODUCTION.INVENTORY_HISTORY')).toBe(2);

    await db.land(order({ orderId: 'ORD-20261123-000010', at: minutesAgo(0), quantity: 5, unitPrice: 10 }));
    await db.dag.runOnce();
    expect((await orders()).map((o) => o.QUANTITY)).toEqual([5]);
  });

  it('changes nothing when every stream delivers its rows again (a replayed run)', async () => {
    await db.land(
      order({ orderId: 'ORD-20261123-000020', at: minutesAgo(2), quantity: 2, unitPrice: 15 }),
      adjustment({
        adjustmentId: 'ADJ-20261123-000020',
        at: minutesAgo(2),
        product: 'PROD-004',
        change: 5,
        level: 5,
      }),
    );
    await db.dag.runOnce();
    const snapshot = async () => ({
      staged: await db.count('STAGING.STG_ORDERS'),
      adjustments: await db.count('STAGING.STG_INVENTORY_ADJUSTMENTS'),
      history: await db.count('PRODUCTION.INVENTORY_HISTORY'),
      orders: await orders(),
      current: await current(),
    });
    const first = await snapshot();
    db.dag.rewind();
    await db.dag.runOnce();
    expect(await snapshot()).toEqual(first);
  });
});
