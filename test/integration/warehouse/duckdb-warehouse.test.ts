import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbQueryError, DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { UnsafeIdentifierError } from '../../../src/warehouse/identifier.js';
import { DEFAULT_RAW_TABLE, type RawEventRow } from '../../../src/warehouse/raw-layout.js';
import { vouchEventDataIsJson } from '../../../src/warehouse/vouched-json.js';

function row(i: number, overrides: Partial<RawEventRow> = {}): RawEventRow {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventType: i % 2 === 0 ? 'ORDER_CREATED' : 'INVENTORY_ADJUSTED',
    eventTimestamp: `2026-11-23T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
    productId: `PROD-${String((i % 50) + 1).padStart(3, '0')}`,
    customerId: i % 2 === 0 ? 'CUST-00042' : null,
    eventData: JSON.stringify({ n: i, product_name: '🍷 Château Margaux 2015' }),
    eventMetadata: JSON.stringify({ topic: 'sales_events', partition: 0, offset: i }),
    ...overrides,
  };
}

describe('DuckDbWarehouse', () => {
  let wh: DuckDbWarehouse;

  beforeEach(async () => {
    wh = await DuckDbWarehouse.open();
    await wh.execute('CREATE SCHEMA IF NOT EXISTS "RAW_DATA"');
    await wh.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  });

  afterEach(async () => {
    await wh.close();
  });

  it('lands rows in RAW with typed columns and JSON intact', async () => {
    const result = await wh.insertRawEvents(DEFAULT_RAW_TABLE, [row(1), row(2)]);
    expect(result).toEqual({ inserted: 2, skipped: 0 });
    const rows = await wh.execute(
      `SELECT EVENT_TYPE, strftime(EVENT_TIMESTAMP, '%Y-%m-%dT%H:%M:%S') AS ts, CUSTOMER_ID,
              EVENT_DATA->>'product_name' AS product, CAST(EVENT_METADATA->>'offset' AS INTEGER) AS off,
              INGESTION_TIMESTAMP IS NOT NULL AS ingested
       FROM RAW_DATA.RAW_EVENTS_STREAM ORDER BY off`,
    );
    expect(rows).toEqual([
      {
        EVENT_TYPE: 'INVENTORY_ADJUSTED',
        ts: '2026-11-23T10:01:00',
        CUSTOMER_ID: null,
        product: '🍷 Château Margaux 2015',
        off: 1,
        ingested: true,
      },
      {
        EVENT_TYPE: 'ORDER_CREATED',
        ts: '2026-11-23T10:02:00',
        CUSTOMER_ID: 'CUST-00042',
        product: '🍷 Château Margaux 2015',
        off: 2,
        ingested: true,
      },
    ]);
  });

  it('adds nothing when the same batch is replayed, and keeps one row per EVENT_ID within a batch', async () => {
    const batch = Array.from({ length: 1_000 }, (_, i) => row(i));
    expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch)).toEqual({ inserted: 1_000, skipped: 0 });
    expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch)).toEqual({ inserted: 0, skipped: 1_000 });
    const withRepeat = [row(5000), row(5000, { eventData: '{"second":true}' }), row(5001)];
    expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, withRepeat)).toEqual({ inserted: 2, skipped: 1 });
    const [count] = await wh.execute(
      'SELECT count(*) AS n, count(DISTINCT EVENT_ID) AS d FROM RAW_DATA.RAW_EVENTS_STREAM',
    );
    expect(count).toEqual({ n: 1_002n, d: 1_002n });
    const [kept] = await wh.execute(
      `SELECT EVENT_DATA->>'n' AS n FROM RAW_DATA.RAW_EVENTS_STREAM WHERE EVENT_ID = ?`,
      [row(5000).eventId],
    );
    expect(kept).toEqual({ n: '5000' });
  });

  it('keeps NULLs as NULLs and the JSON text exactly as given', async () => {
    const eventData = '{"note" : "caf\\u00e9 \u2014 🍷",  "n": 1.50}';
    await wh.insertRawEvents(DEFAULT_RAW_TABLE, [
      row(7, { productId: null, customerId: null, eventMetadata: null, eventData }),
    ]);
    const [stored] = await wh.execute(
      `SELECT PRODUCT_ID, CUSTOMER_ID, EVENT_METADATA, CAST(EVENT_DATA AS VARCHAR) AS data
       FROM RAW_DATA.RAW_EVENTS_STREAM`,
    );
    expect(stored).toEqual({ PRODUCT_ID: null, CUSTOMER_ID: null, EVENT_METADATA: null, data: eventData });
  });

  it('refuses a batch whose EVENT_DATA is not JSON, adding none of it', async () => {
    const bad = [row(1), row(2, { eventData: '{"unterminated": ' })];
    await expect(wh.insertRawEvents(DEFAULT_RAW_TABLE, bad)).rejects.toBeInstanceOf(DuckDbQueryError);
    expect(await wh.execute('SELECT count(*) AS n FROM RAW_DATA.RAW_EVENTS_STREAM')).toEqual([{ n: 0n }]);
  });

  it("stores a vouched batch's EVENT_DATA as the same JSON text, and checks only unvouched batches", async () => {
    // Escapes, non-ASCII, spacing and number forms: text a re-serialising path would change.
    const texts = ['{"a" : 1.50, "b":"\\u00e9\\n🍷"}', '{"big":12345678901234567890,"e":1e21}'];
    await wh.insertRawEvents(
      DEFAULT_RAW_TABLE,
      vouchEventDataIsJson(texts.map((eventData, i) => row(i, { eventData }))),
    );
    const stored = await wh.execute(
      `SELECT CAST(EVENT_DATA AS VARCHAR) AS data, json_type(EVENT_DATA) AS type
       FROM RAW_DATA.RAW_EVENTS_STREAM ORDER BY EVENT_ID`,
    );
    expect(stored).toEqual(texts.map((data) => ({ data, type: 'OBJECT' })));
    // The same bad text the unvouched batch above is refused for: only the vouch skips the check.
    const bad = [row(3, { eventData: '{"unterminated": ' })];
    await expect(wh.insertRawEvents(DEFAULT_RAW_TABLE, [...bad])).rejects.toBeInstanceOf(DuckDbQueryError);
    await expect(wh.insertRawEvents(DEFAULT_RAW_TABLE, vouchEventDataIsJson(bad))).resolves.toEqual({
      inserted: 1,
      skipped: 0,
    });
  });

  it('holds DuckDB memory steady while batches keep arriving', async () => {
    const padding = 'x'.repeat(4_000);
    const batch = Array.from({ length: 500 }, (_, i) =>
      row(i, { eventData: JSON.stringify({ i, padding }) }),
    );
    const memory = async () => {
      const [used] = await wh.execute('SELECT sum(memory_usage_bytes) AS bytes FROM duckdb_memory()');
      return Number(used?.bytes);
    };
    // Replays add nothing to RAW, so any growth would be batches kept after they were inserted.
    await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch);
    await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch);
    const settled = await memory();
    for (let i = 0; i < 10; i++) await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch);
    const batchBytes = batch.reduce((sum, r) => sum + r.eventData.length, 0);
    expect((await memory()) - settled).toBeLessThan(2 * batchBytes);
  });

  it('binds values rather than splicing them into SQL', async () => {
    const hostile = "x'); DROP TABLE RAW_DATA.RAW_EVENTS_STREAM; --";
    const [echo] = await wh.execute('SELECT ? AS v', [hostile]);
    expect(echo).toEqual({ v: hostile });
    expect(await wh.execute('SELECT count(*) AS n FROM RAW_DATA.RAW_EVENTS_STREAM')).toEqual([{ n: 0n }]);
  });

  it('rolls back a failing batch as a whole', async () => {
    const bad = [row(1), row(2, { eventTimestamp: 'not a timestamp' })];
    await expect(wh.insertRawEvents(DEFAULT_RAW_TABLE, bad)).rejects.toBeInstanceOf(DuckDbQueryError);
    expect(await wh.execute('SELECT count(*) AS n FROM RAW_DATA.RAW_EVENTS_STREAM')).toEqual([{ n: 0n }]);
    expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, [row(1)])).toEqual({ inserted: 1, skipped: 0 });
  });

  it('refuses an unsafe table name before any SQL runs', async () => {
    await expect(() =>
      wh.insertRawEvents({ schema: 'RAW_DATA', name: 'X"; DROP TABLE Y; --' }, [row(1)]),
    ).rejects.toBeInstanceOf(UnsafeIdentifierError);
  });
});

describe('DuckDbWarehouse threads', () => {
  // Two counts, so at least one differs from DuckDB's default (the number of cores) on any machine.
  it.each([1, 3])(
    'runs DuckDB with %i thread(s) when asked, and lands batches the same way',
    async (threads) => {
      const wh = await DuckDbWarehouse.open({ threads });
      try {
        expect(await wh.execute("SELECT current_setting('threads') AS t")).toEqual([{ t: BigInt(threads) }]);
        await wh.execute('CREATE SCHEMA "RAW_DATA"');
        await wh.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
        const batch = [row(1), row(2), row(1, { eventData: '{"second":true}' })];
        expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch)).toEqual({ inserted: 2, skipped: 1 });
        expect(await wh.insertRawEvents(DEFAULT_RAW_TABLE, batch)).toEqual({ inserted: 0, skipped: 3 });
      } finally {
        await wh.close();
      }
    },
  );

  it.each([0, 1.5, Number.NaN])('refuses %s threads before opening anything', async (threads) => {
    await expect(DuckDbWarehouse.open({ threads })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('DuckDbWarehouse memoryLimit', () => {
  it("sets DuckDB's memory_limit, alone or with threads", async () => {
    const wh = await DuckDbWarehouse.open({ memoryLimit: '1GB', threads: 1 });
    try {
      // DuckDB reads 1GB as 10^9 bytes and prints it in MiB.
      expect(await wh.execute("SELECT current_setting('memory_limit') AS m")).toEqual([{ m: '953.6 MiB' }]);
    } finally {
      await wh.close();
    }
  });

  it.each(['lots', '1 gigabyte', ''])('refuses %j, naming memoryLimit', async (memoryLimit) => {
    await expect(DuckDbWarehouse.open({ memoryLimit })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
      field: 'memoryLimit',
    });
  });
});
