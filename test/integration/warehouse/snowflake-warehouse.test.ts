import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RAW_COLUMNS, type RawEventRow } from '../../../src/warehouse/raw-layout.js';
import { SnowflakeQueryError } from '../../../src/warehouse/snowflake/snowflake-driver.js';
import { SnowflakeWarehouse } from '../../../src/warehouse/snowflake/snowflake-warehouse.js';

const RAW = { database: 'CAVES_ALBERT_DB', schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };

function row(i: number, overrides: Partial<RawEventRow> = {}): RawEventRow {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventType: 'ORDER_CREATED',
    eventTimestamp: '2026-11-23T10:15:30.250Z',
    productId: 'PROD-007',
    customerId: i % 3 === 0 ? null : 'CUST-00042',
    eventData: JSON.stringify({
      order_id: `ORD-20261123-${i}`,
      product_name: '🥂 Moët & Chandon',
      total_amount: 91.8,
    }),
    eventMetadata: JSON.stringify({ topic: 'sales_events', partition: 1, offset: i }),
    ...overrides,
  };
}

describe('SnowflakeWarehouse against the emulator', () => {
  let wh: SnowflakeWarehouse;

  beforeAll(async () => {
    wh = await SnowflakeWarehouse.connect(
      {
        account: 'eventflake',
        username: 'eventflake',
        password: 'emulator',
        accessUrl: inject('fakesnowUrl'),
        timeoutMs: 15_000,
      },
      { maxBindsPerStatement: 70 },
    );
    await wh.execute('CREATE DATABASE IF NOT EXISTS CAVES_ALBERT_DB');
    await wh.execute('CREATE SCHEMA IF NOT EXISTS CAVES_ALBERT_DB.RAW_DATA');
    const columns = RAW_COLUMNS.map((c) => `${c.name} ${c.snowflake}`).join(', ');
    await wh.execute(`CREATE OR REPLACE TABLE CAVES_ALBERT_DB.RAW_DATA.RAW_EVENTS_STREAM (${columns})`);
  });

  afterAll(async () => {
    await wh?.close();
  });

  it('inserts a batch across several statements, with VARIANT and timestamps decoded', async () => {
    const batch = Array.from({ length: 25 }, (_, i) => row(i));
    expect(await wh.insertRawEvents(RAW, batch)).toEqual({ inserted: 25, skipped: 0 });
    const rows = await wh.execute(
      `SELECT EVENT_ID, EVENT_TIMESTAMP, CUSTOMER_ID, EVENT_DATA, EVENT_METADATA:offset::INTEGER AS OFF,
              INGESTION_TIMESTAMP IS NOT NULL AS INGESTED
       FROM RAW_DATA.RAW_EVENTS_STREAM WHERE EVENT_ID = ?`,
      [row(3).eventId],
    );
    expect(rows).toHaveLength(1);
    const [first] = rows;
    expect(first?.CUSTOMER_ID).toBeNull();
    expect(first?.EVENT_DATA).toEqual({
      order_id: 'ORD-20261123-3',
      product_name: '🥂 Moët & Chandon',
      total_amount: 91.8,
    });
    expect(first?.OFF).toBe(3);
    expect(first?.INGESTED).toBe(true);
    const timestamp = first?.EVENT_TIMESTAMP;
    expect(timestamp).toBeInstanceOf(Date);
    expect((timestamp as Date).getTime()).toBe(Date.parse('2026-11-23T10:15:30.250Z'));
  });

  it('adds nothing when a batch is replayed, and one row per EVENT_ID within a batch', async () => {
    const batch = Array.from({ length: 25 }, (_, i) => row(i));
    expect(await wh.insertRawEvents(RAW, batch)).toEqual({ inserted: 0, skipped: 25 });
    const repeated = [row(100), row(100, { eventData: '{"second":true}' }), row(101), row(5)];
    expect(await wh.insertRawEvents(RAW, repeated)).toEqual({ inserted: 2, skipped: 2 });
    const [counts] = await wh.execute(
      'SELECT COUNT(*) AS N, COUNT(DISTINCT EVENT_ID) AS D FROM RAW_DATA.RAW_EVENTS_STREAM',
    );
    expect(counts).toEqual({ N: 27, D: 27 });
  });

  it('surfaces a SQL error as a typed, non-retriable error with the Snowflake code', async () => {
    const failure = wh.execute('SELECT * FROM RAW_DATA.NO_SUCH_TABLE');
    await expect(failure).rejects.toBeInstanceOf(SnowflakeQueryError);
    await expect(failure).rejects.toMatchObject({
      snowflakeCode: '002003',
      retriable: false,
      code: 'ERR_SNOWFLAKE_QUERY',
    });
  });
});
