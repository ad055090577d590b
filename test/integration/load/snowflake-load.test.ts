import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { loadFiles } from '../../../src/load/load-files.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { InProcessSource } from '../../../src/sink/in-process-source.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import { RAW_COLUMNS } from '../../../src/warehouse/raw-layout.js';
import { SnowflakeWarehouse } from '../../../src/warehouse/snowflake/snowflake-warehouse.js';
import { type BadKind, deadLetterLines, expectedCodes, loadFixture, writeFixture } from './load-fixture.js';

/**
 * The PUT → COPY → INSERT path through snowflake-sdk against fakesnow, with as many events as on DuckDB
 * (COPY and INSERT … SELECT are set-based there). Only VIA_SINK events go through the streaming sink: its
 * array-bound INSERTs run one row at a time on fakesnow.
 */
const EVENTS = 100_000;
const VIA_SINK = 300;
const RAW = { database: 'CAVES_ALBERT_DB', schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };

describe('loadFiles into Snowflake (fakesnow)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventflake-load-sf-'));
  const fixture = loadFixture(EVENTS, 43);
  const jsonl = join(dir, 'events.jsonl.gz');
  const csv = join(dir, 'events.csv.gz');
  let bad = new Map<number, BadKind>();
  let badCsv = new Map<number, BadKind>();
  let wh: SnowflakeWarehouse;

  const rawCount = async () => {
    const [row] = await wh.execute(
      'SELECT COUNT(*) AS N, COUNT(DISTINCT EVENT_ID) AS D FROM CAVES_ALBERT_DB.RAW_DATA.RAW_EVENTS_STREAM',
    );
    return { n: Number(row?.N), distinct: Number(row?.D) };
  };

  beforeAll(async () => {
    bad = await writeFixture(jsonl, fixture, 'jsonl');
    badCsv = await writeFixture(csv, fixture, 'csv');
    wh = await SnowflakeWarehouse.connect({
      account: 'eventflake',
      username: 'eventflake',
      password: 'emulator',
      accessUrl: inject('fakesnowUrl'),
      timeoutMs: 60_000,
    });
    await wh.execute('CREATE DATABASE IF NOT EXISTS CAVES_ALBERT_DB');
    await wh.execute('CREATE SCHEMA IF NOT EXISTS CAVES_ALBERT_DB.RAW_DATA');
    const columns = RAW_COLUMNS.map((c) => `${c.name} ${c.snowflake}`).join(', ');
    await wh.execute(`CREATE OR REPLACE TABLE CAVES_ALBERT_DB.RAW_DATA.RAW_EVENTS_STREAM (${columns})`);
  }, 120_000);

  afterAll(async () => {
    await wh?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands events that came through the streaming sink first, then only the rest of the file', async () => {
    const sink = new BatchSink({
      warehouse: wh,
      registry: wineShopRegistry,
      deadLetterQueue: new MemoryDeadLetterQueue(),
      table: RAW,
    });
    await new InProcessSource(fixture.events.slice(0, VIA_SINK), { batchSize: 100 }).run(sink);
    await sink.close();
    expect(await rawCount()).toEqual({ n: VIA_SINK, distinct: VIA_SINK });

    const deadLetterPath = join(dir, 'dlq.jsonl');
    const summary = await loadFiles([jsonl], { warehouse: wh, rawTable: RAW, deadLetterPath });
    expect(summary).toMatchObject({ valid: EVENTS, bad: bad.size, inserted: EVENTS - VIA_SINK });
    expect(await rawCount()).toEqual({ n: EVENTS, distinct: EVENTS });
    expect(await deadLetterLines(deadLetterPath)).toEqual(expectedCodes(bad));

    const [row] = await wh.execute(
      `SELECT EVENT_METADATA:file::VARCHAR AS F, EVENT_METADATA:line::NUMBER AS L, EVENT_DATA:order_id::VARCHAR AS O,
              EVENT_TIMESTAMP, EVENT_METADATA:source:producer::VARCHAR AS P
       FROM CAVES_ALBERT_DB.RAW_DATA.RAW_EVENTS_STREAM WHERE EVENT_ID = ?`,
      [fixture.events[VIA_SINK]?.event_id ?? ''],
    );
    const event = fixture.events[VIA_SINK] as unknown as Record<string, unknown> & {
      event_data: { order_id?: string };
    };
    expect(row?.F).toBe(jsonl);
    expect(row?.L).toBe(VIA_SINK + 1 + [...bad.keys()].filter((line) => line <= VIA_SINK + 1).length);
    expect(row?.O).toBe(event.event_data.order_id);
    expect(row?.EVENT_TIMESTAMP).toEqual(new Date(String(event.event_timestamp)));
    expect(row?.P).toBe((event.source as { producer: string }).producer);
  }, 300_000);

  it('adds nothing when the same events are loaded again, from JSONL or CSV', async () => {
    const again = await loadFiles([jsonl, csv], {
      warehouse: wh,
      rawTable: RAW,
      deadLetterPath: join(dir, 'dlq-again.jsonl'),
    });
    expect(again).toMatchObject({ valid: 2 * EVENTS, bad: bad.size + badCsv.size, inserted: 0 });
    expect(await rawCount()).toEqual({ n: EVENTS, distinct: EVENTS });
    expect(await deadLetterLines(join(dir, 'dlq-again.jsonl'))).toEqual(
      new Map([...expectedCodes(bad), ...expectedCodes(badCsv)]),
    );
  }, 300_000);
});
