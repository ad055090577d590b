import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStoredRun } from '../../../src/kafka/resume-from-warehouse.js';
import type { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { DEFAULT_RAW_TABLE, type RawEventRow } from '../../../src/warehouse/raw-layout.js';
import { rawWarehouse } from './support.js';

// The resume query against a real DuckDB RAW table: only the gap-free run from the committed offset counts.

let warehouse: DuckDbWarehouse;

beforeEach(async () => {
  warehouse = await rawWarehouse();
});

afterEach(async () => {
  await warehouse.close();
});

function row(topic: string, partition: number, offset: number, timestamp = 1_000 + offset): RawEventRow {
  return {
    eventId: randomUUID(),
    eventType: 'ORDER_CREATED',
    eventTimestamp: '2026-11-23T10:15:00.000Z',
    productId: 'PROD-001',
    customerId: null,
    eventData: '{}',
    eventMetadata: JSON.stringify({ topic, partition, offset, key: 'PROD-001', headers: {}, timestamp }),
  };
}

async function store(rows: RawEventRow[]): Promise<void> {
  await warehouse.insertRawEvents(DEFAULT_RAW_TABLE, rows);
}

const offsets = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('readStoredRun on DuckDB', () => {
  it('returns the end of the gap-free run from the committed offset, ignoring what lies past a gap', async () => {
    // A crash mid-flush: 0..99 and 200..299 landed, 100..199 did not.
    await store([...offsets(0, 99), ...offsets(200, 299)].map((o) => row('sales_events', 0, o)));
    await store(offsets(0, 500).map((o) => row('sales_events', 1, o)));
    await store(offsets(0, 500).map((o) => row('other_topic', 0, o)));

    const p0 = { topic: 'sales_events', partition: 0 };
    expect(await readStoredRun({ warehouse }, p0, 0n)).toEqual({ through: 99n, firstTimestamp: 1_000 });
    expect(await readStoredRun({ warehouse }, p0, 50n)).toEqual({ through: 99n, firstTimestamp: 1_050 });
    expect(await readStoredRun({ warehouse }, p0, 100n)).toBeUndefined();
    expect(await readStoredRun({ warehouse }, p0, 250n)).toEqual({ through: 299n, firstTimestamp: 1_250 });
    expect(await readStoredRun({ warehouse }, { topic: 'sales_events', partition: 2 }, 0n)).toBeUndefined();
  });

  it('counts an offset stored twice once, and stops the run where two records claim one offset', async () => {
    const topic = 'sales_events';
    await store([...offsets(0, 9).map((o) => row(topic, 0, o)), row(topic, 0, 5)]);
    expect(await readStoredRun({ warehouse }, { topic, partition: 0 }, 0n)).toEqual({
      through: 9n,
      firstTimestamp: 1_000,
    });
    // Offset 3 held by a record of an earlier life of the topic (another timestamp): not safe past it.
    await store([row(topic, 0, 3, 42)]);
    expect(await readStoredRun({ warehouse }, { topic, partition: 0 }, 0n)).toEqual({
      through: 3n,
      firstTimestamp: 1_000,
    });
  });
});
