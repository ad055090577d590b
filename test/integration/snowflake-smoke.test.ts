import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectToEmulator, type EmulatorConnection } from './support/snowflake-connection.js';

/**
 * snowflake-sdk against the fakesnow emulator over http: proves the bridge answers in the format the
 * real driver parses, for every column type eventflake writes or reads back.
 */
describe('snowflake-sdk against the fakesnow emulator', () => {
  let snow: EmulatorConnection;

  beforeAll(async () => {
    snow = await connectToEmulator(inject('fakesnowUrl'));
    await snow.execute('CREATE OR REPLACE DATABASE SMOKE_DB');
    await snow.execute('CREATE SCHEMA SMOKE_DB.RAW');
    await snow.execute('USE SCHEMA SMOKE_DB.RAW');
  });

  afterAll(async () => {
    await snow?.close();
  });

  it('inserts a batch with array binds and a VARIANT column, then selects it back', async () => {
    await snow.execute('CREATE TABLE EVENTS (EVENT_ID VARCHAR, QUANTITY NUMBER(10, 0), PAYLOAD VARIANT)');
    const batch = [
      ['evt-1', 6, JSON.stringify({ wine: 'Chablis', vintage: 2021 })],
      ['evt-2', 12, JSON.stringify({ wine: 'Côte-Rôtie', tags: ['rouge', 'syrah'] })],
      ['evt-3', 1, JSON.stringify({ wine: 'Crémant', gift: true })],
    ];

    const inserted = await snow.execute(
      'INSERT INTO EVENTS SELECT column1, column2, PARSE_JSON(column3) FROM VALUES (?, ?, ?)',
      batch,
    );
    const rows = await snow.execute('SELECT EVENT_ID, QUANTITY, PAYLOAD FROM EVENTS ORDER BY EVENT_ID');

    expect(inserted).toEqual([{ 'number of rows inserted': 3 }]);
    expect(rows).toEqual([
      { EVENT_ID: 'evt-1', QUANTITY: 6, PAYLOAD: { wine: 'Chablis', vintage: 2021 } },
      { EVENT_ID: 'evt-2', QUANTITY: 12, PAYLOAD: { wine: 'Côte-Rôtie', tags: ['rouge', 'syrah'] } },
      { EVENT_ID: 'evt-3', QUANTITY: 1, PAYLOAD: { wine: 'Crémant', gift: true } },
    ]);
  });

  it('round-trips every column type, and nulls of each, to the JS values the driver promises', async () => {
    await snow.execute(`CREATE TABLE TYPED (
      ROW_NO INT, AMOUNT NUMBER(10, 2), BIG NUMBER(38, 0), RATIO FLOAT, LABEL VARCHAR, IS_GIFT BOOLEAN,
      ON_DAY DATE, AT_NTZ TIMESTAMP_NTZ, AT_LTZ TIMESTAMP_LTZ, AT_TZ TIMESTAMP_TZ,
      DOC VARIANT, ATTRS OBJECT, ITEMS ARRAY, BYTES BINARY)`);
    // Functions are not allowed inside VALUES, hence the SELECT; binary travels as hex text.
    await snow.execute(
      `INSERT INTO TYPED SELECT column1, column2, column3, column4, column5, column6, column7, column8,
         column9, column10, PARSE_JSON(column11), PARSE_JSON(column12), PARSE_JSON(column13),
         TO_BINARY(column14, 'HEX')
       FROM VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        [
          1,
          '1234.56',
          '9007199254740991',
          1.25,
          'Château Margaux 🍷 — ½ bouteille',
          true,
          '2024-02-29',
          '2024-03-01 10:11:12.123',
          '2024-03-01T10:11:12.500Z',
          '2024-03-01 10:11:12.123+02:00',
          '{"grape":"Syrah","years":[2019,2020]}',
          '{"cellar":"B2"}',
          '[1,"two",null]',
          'CAFE00FF',
        ],
        [
          2,
          '-0.01',
          '-42',
          -2.5e-7,
          '',
          false,
          '1969-07-20',
          '1969-12-31 23:59:59.5',
          '1970-01-01T00:00:00Z',
          '1969-12-31 23:00:00-05:00',
          '42',
          '{}',
          '[]',
          '00',
        ],
        [3, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ],
    );

    const rows = await snow.execute<Record<string, unknown>>('SELECT * FROM TYPED ORDER BY ROW_NO');

    expect(rows.map(tagged)).toEqual([
      {
        ROW_NO: 1,
        AMOUNT: 1234.56,
        BIG: Number.MAX_SAFE_INTEGER,
        RATIO: 1.25,
        LABEL: 'Château Margaux 🍷 — ½ bouteille',
        IS_GIFT: true,
        ON_DAY: 'Date 2024-02-29T00:00:00.000Z',
        AT_NTZ: 'Date 2024-03-01T10:11:12.123Z',
        AT_LTZ: 'Date 2024-03-01T10:11:12.500Z',
        // The instant survives; the emulator (DuckDB) does not keep the +02:00 offset itself.
        AT_TZ: 'Date 2024-03-01T08:11:12.123Z',
        DOC: { grape: 'Syrah', years: [2019, 2020] },
        ATTRS: { cellar: 'B2' },
        ITEMS: [1, 'two', null],
        BYTES: 'Buffer cafe00ff',
      },
      {
        ROW_NO: 2,
        AMOUNT: -0.01,
        BIG: -42,
        RATIO: -2.5e-7,
        LABEL: '',
        IS_GIFT: false,
        ON_DAY: 'Date 1969-07-20T00:00:00.000Z',
        AT_NTZ: 'Date 1969-12-31T23:59:59.500Z',
        AT_LTZ: 'Date 1970-01-01T00:00:00.000Z',
        AT_TZ: 'Date 1970-01-01T04:00:00.000Z',
        DOC: 42,
        ATTRS: {},
        ITEMS: [],
        BYTES: 'Buffer 00',
      },
      {
        ROW_NO: 3,
        AMOUNT: null,
        BIG: null,
        RATIO: null,
        LABEL: null,
        IS_GIFT: null,
        ON_DAY: null,
        AT_NTZ: null,
        AT_LTZ: null,
        AT_TZ: null,
        DOC: null,
        ATTRS: null,
        ITEMS: null,
        BYTES: null,
      },
    ]);
  });

  it('surfaces a SQL error with its Snowflake error code', async () => {
    await expect(snow.execute('SELECT * FROM NO_SUCH_TABLE')).rejects.toMatchObject({ code: '002003' });
  });

  it('fails a statement the emulator cannot run at once, with a Snowflake error instead of retrying', async () => {
    // fakesnow has no rowtype for INTERVAL and answers HTTP 500, which the driver would retry for minutes.
    await expect(snow.execute("SELECT '1 day'::INTERVAL AS SPAN")).rejects.toMatchObject({ code: '261000' });
  });
});

/**
 * Dates and Buffers as tagged text: the driver adds helper methods to both, which toEqual would compare,
 * and the tag keeps a plain string from passing for a Date.
 */
function tagged(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (value instanceof Date) return [column, `Date ${value.toISOString()}`];
      if (Buffer.isBuffer(value)) return [column, `Buffer ${value.toString('hex')}`];
      return [column, value];
    }),
  );
}
