import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/index.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { InProcessSource } from '../../../src/sink/in-process-source.js';
import { JsonlFileDeadLetterQueue, readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import type { FlushInfo } from '../../../src/sink/sink-events.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { collect } from '../../unit/sink/support/collect.js';
import { eventId, invalidOrderEvent, orderEvent } from '../../unit/sink/support/events.js';

const VALID = 10_000;

/** 10,000 valid events, with every 250th position followed by one bad record of a rotating kind. */
function stream(): unknown[] {
  const items: unknown[] = [];
  for (let i = 0; i < VALID; i += 1) {
    items.push(orderEvent(i));
    if (i % 250 === 0) {
      const kind = (i / 250) % 3;
      if (kind === 0) items.push(`{"event_id":"${eventId(i)}",`);
      else if (kind === 1) items.push(invalidOrderEvent(VALID + i));
      else items.push({ ...orderEvent(VALID + i), event_type: 'ORDER_CANCELLED' });
    }
  }
  return items;
}

describe('BatchSink into DuckDB', () => {
  let warehouse: DuckDbWarehouse;
  let dir: string;

  beforeEach(async () => {
    warehouse = await DuckDbWarehouse.open();
    await warehouse.execute('CREATE SCHEMA IF NOT EXISTS "RAW_DATA"');
    dir = await mkdtemp(join(tmpdir(), 'eventflake-sink-'));
  });

  afterEach(async () => {
    await warehouse.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(items: readonly unknown[], dlq: JsonlFileDeadLetterQueue): Promise<FlushInfo[]> {
    const flushes: FlushInfo[] = [];
    const sink = new BatchSink({
      warehouse,
      registry: wineShopRegistry,
      deadLetterQueue: dlq,
      maxBatchEvents: 2_000,
    });
    sink.on('flush', (info) => flushes.push(info));
    await new InProcessSource(items as Iterable<object | string>, { batchSize: 500 }).run(sink);
    await sink.close();
    return flushes;
  }

  it('lands 10,000 events exactly once, adds nothing on replay, and dead-letters bad records to JSONL', async () => {
    await warehouse.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
    const dlq = new JsonlFileDeadLetterQueue({ path: join(dir, 'dead-letters.jsonl') });
    const items = stream();
    const bad = items.length - VALID;

    const first = await run(items, dlq);
    const [counts] = await warehouse.execute(
      'SELECT count(*) AS n, count(DISTINCT EVENT_ID) AS d FROM "RAW_DATA"."RAW_EVENTS_STREAM"',
    );
    expect(counts).toEqual({ n: BigInt(VALID), d: BigInt(VALID) });
    expect(first.reduce((sum, f) => sum + f.inserted, 0)).toBe(VALID);

    const replay = await run(items, dlq);
    const [after] = await warehouse.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
    expect(after).toEqual({ n: BigInt(VALID) });
    expect(replay.reduce((sum, f) => sum + f.inserted, 0)).toBe(0);
    expect(replay.reduce((sum, f) => sum + f.skipped, 0)).toBe(VALID);

    await dlq.close();
    const letters = await collect(readDeadLetters(dlq.path));
    // The DLQ is append-only: replaying the stream dead-letters its bad records a second time.
    expect(letters).toHaveLength(bad * 2);
    const codes = new Set(letters.map((l) => l.reason.code));
    expect(codes).toEqual(new Set(['invalid_json', 'invalid_event', 'unknown_event_type']));
    expect(letters.every((l) => typeof l.lineage.sequence === 'number')).toBe(true);

    const [row] = await warehouse.execute(
      `SELECT EVENT_DATA->>'order_id' AS order_id, CAST(EVENT_METADATA->>'sequence' AS INTEGER) AS seq,
              EVENT_METADATA->'source'->>'producer' AS producer
       FROM "RAW_DATA"."RAW_EVENTS_STREAM" WHERE EVENT_ID = ?`,
      [eventId(1)],
    );
    // Event 0 is at sequence 1 and followed by a bad record at sequence 2, so event 1 is sequence 3.
    expect(row).toEqual({ order_id: 'ORD-20261123-000001', seq: 3, producer: 'sink-test' });
  });

  it('isolates rows the table refuses (a narrower column than the schema allows) and lands the rest', async () => {
    const ddl = createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM').replace(
      /\n\)$/,
      ',\n  CHECK (length("PRODUCT_ID") <= 8)\n)',
    );
    await warehouse.execute(ddl);
    const dlq = new JsonlFileDeadLetterQueue({ path: join(dir, 'dead-letters.jsonl') });
    const items = Array.from({ length: 3_000 }, (_, i) =>
      i === 1_234 || i === 2_900 ? { ...orderEvent(i), product_id: 'PROD-000000000042' } : orderEvent(i),
    );
    await run(items, dlq);
    await dlq.close();

    const [counts] = await warehouse.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
    expect(counts).toEqual({ n: 2_998n });
    const letters = await collect(readDeadLetters(dlq.path));
    // Two flushes bisect side by side, so their letters may arrive in either order.
    expect(letters.map((l) => [l.eventId, l.reason.code]).sort()).toEqual([
      [eventId(1_234), 'warehouse_rejected'],
      [eventId(2_900), 'warehouse_rejected'],
    ]);
    expect(letters[0]?.reason.message).toMatch(/CHECK|constraint/i);
  });
});
