import { describe, expect, it } from 'vitest';
import type { RawEventRow } from '../../../src/warehouse/raw-layout.js';
import {
  chunkRows,
  insertNewRawRowsSql,
  rawRowBinds,
} from '../../../src/warehouse/snowflake/snowflake-raw-sql.js';

const row = (i: number, dataBytes = 10): RawEventRow => ({
  eventId: `id-${i}`,
  eventType: 'ORDER_CREATED',
  eventTimestamp: '2026-11-23T10:15:00.000Z',
  productId: 'PROD-001',
  customerId: null,
  eventData: 'x'.repeat(dataBytes),
  eventMetadata: null,
});

describe('Snowflake RAW insert', () => {
  it('binds every value and projects functions outside VALUES', () => {
    const sql = insertNewRawRowsSql('"RAW_DATA"."RAW_EVENTS_STREAM"');
    expect(sql).toContain('FROM VALUES (?, ?, ?, ?, ?, ?, ?)) AS b');
    expect(sql).toContain('PARSE_JSON(column6) AS "EVENT_DATA", PARSE_JSON(column7) AS "EVENT_METADATA"');
    expect(sql).toContain('TO_TIMESTAMP_NTZ(column3) AS "EVENT_TIMESTAMP"');
    expect(sql).toContain('SELECT b.*, SYSDATE()');
    expect(sql).toMatch(
      /WHERE NOT EXISTS \(SELECT 1 FROM "RAW_DATA"\."RAW_EVENTS_STREAM" AS r WHERE r\."EVENT_ID" = b\."EVENT_ID"\)/,
    );
    expect(rawRowBinds(row(1))).toEqual([
      'id-1',
      'ORDER_CREATED',
      '2026-11-23T10:15:00.000Z',
      'PROD-001',
      null,
      'xxxxxxxxxx',
      null,
    ]);
  });

  it('keeps each statement under the bind count', () => {
    const chunks = chunkRows(
      Array.from({ length: 25 }, (_, i) => row(i)),
      { maxBinds: 70, maxBytes: 1_000_000 },
    );
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('keeps each statement under the byte budget, but never splits a single row', () => {
    const chunks = chunkRows([row(1, 300), row(2, 300), row(3, 5_000), row(4, 10)], {
      maxBinds: 70_000,
      maxBytes: 1_000,
    });
    expect(chunks.map((c) => c.map((r) => r.eventId))).toEqual([['id-1', 'id-2'], ['id-3'], ['id-4']]);
  });
});
