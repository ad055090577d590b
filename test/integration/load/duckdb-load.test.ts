import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { loadFiles } from '../../../src/load/load-files.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { InProcessSource } from '../../../src/sink/in-process-source.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { type BadKind, deadLetterLines, expectedCodes, loadFixture, writeFixture } from './load-fixture.js';

const EVENTS = 100_000;

async function openRaw(): Promise<DuckDbWarehouse> {
  const wh = await DuckDbWarehouse.open();
  await wh.execute('CREATE SCHEMA IF NOT EXISTS "RAW_DATA"');
  await wh.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  return wh;
}

async function rawCount(wh: DuckDbWarehouse): Promise<number> {
  const [row] = await wh.execute('SELECT count(*) AS "N" FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
  return Number(row?.N);
}

describe('loadFiles into DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventflake-load-'));
  const fixture = loadFixture(EVENTS, 41);
  const jsonl = join(dir, 'events.jsonl.gz');
  const csv = join(dir, 'events.csv');
  let badJsonl = new Map<number, BadKind>();
  let badCsv = new Map<number, BadKind>();

  beforeAll(async () => {
    badJsonl = await writeFixture(jsonl, fixture, 'jsonl');
    badCsv = await writeFixture(csv, fixture, 'csv');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['JSONL.gz', jsonl, () => badJsonl],
    ['CSV', csv, () => badCsv],
  ])(
    '%s: RAW holds exactly the valid events, the DLQ exactly the bad lines; a second load adds 0',
    async (_, path, bad) => {
      const wh = await openRaw();
      try {
        const deadLetterPath = join(dir, `dlq-${_}.jsonl`);
        const first = await loadFiles([path], { warehouse: wh, deadLetterPath });
        expect(first.valid).toBe(EVENTS);
        expect(first.inserted).toBe(EVENTS);
        expect(first.bad).toBe(bad().size);
        expect(await rawCount(wh)).toBe(EVENTS);
        const [ids] = await wh.execute(
          `SELECT count(DISTINCT "EVENT_ID") AS "N", min("EVENT_METADATA"->>'$.file') AS "F",
           count(*) FILTER (WHERE "EVENT_METADATA"->>'$.source.producer' IS NOT NULL) AS "S"
         FROM "RAW_DATA"."RAW_EVENTS_STREAM"
         WHERE "EVENT_ID" IN (SELECT unnest(?::VARCHAR[]))`,
          [`[${fixture.events.map((e) => e.event_id).join(',')}]`],
        );
        expect(Number(ids?.N)).toBe(EVENTS);
        expect(ids?.F).toBe(path);
        expect(Number(ids?.S)).toBe(EVENTS);
        expect(await deadLetterLines(deadLetterPath)).toEqual(expectedCodes(bad()));

        const again = await loadFiles([path], {
          warehouse: wh,
          deadLetterPath: join(dir, `dlq-again-${_}.jsonl`),
        });
        expect(again.inserted).toBe(0);
        expect(again.alreadyLoaded).toBe(EVENTS);
        expect(await rawCount(wh)).toBe(EVENTS);
      } finally {
        await wh.close();
      }
    },
    180_000,
  );

  it('adds nothing for events that already came through the streaming sink', async () => {
    const wh = await openRaw();
    try {
      const sink = new BatchSink({
        warehouse: wh,
        registry: wineShopRegistry,
        deadLetterQueue: new MemoryDeadLetterQueue(),
      });
      await new InProcessSource(fixture.events.slice(0, 5_000), { batchSize: 1_000 }).run(sink);
      await sink.close();
      expect(await rawCount(wh)).toBe(5_000);
      const summary = await loadFiles([jsonl], {
        warehouse: wh,
        deadLetterPath: join(dir, 'dlq-sink.jsonl'),
      });
      expect(summary.inserted).toBe(EVENTS - 5_000);
      expect(await rawCount(wh)).toBe(EVENTS);
      const [row] = await wh.execute(
        `SELECT count(*) AS "N" FROM "RAW_DATA"."RAW_EVENTS_STREAM" WHERE "EVENT_METADATA"->>'$.file' IS NULL`,
      );
      expect(Number(row?.N)).toBe(5_000);
    } finally {
      await wh.close();
    }
  }, 180_000);
});
