import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/load/load-files.js';
import { DEFAULT_RAW_TABLE } from '../../src/warehouse/raw-layout.js';
import {
  type BadKind,
  deadLetterLines,
  expectedCodes,
  loadFixture,
  writeFixture,
} from '../integration/load/load-fixture.js';
import { type ThrowawayDatabase, throwawayDatabase } from './support/account.js';
import { applyWineShopFiles, targetOf } from './support/wine-shop-sql.js';

/** Enough lines for every kind of bad line (one per 100 events); PUT and COPY cost the same for more. */
const EVENTS = 2_000;
const RAW = '"RAW_DATA"."RAW_EVENTS_STREAM"';

describe('loadFiles into real Snowflake: PUT to the stage, COPY INTO a landing table, one INSERT', () => {
  const fixture = loadFixture(EVENTS, 44);
  let db: ThrowawayDatabase;
  let dir: string;
  let jsonl: string;
  let csv: string;
  let bad = new Map<number, BadKind>();
  let badCsv = new Map<number, BadKind>();

  const rawCounts = async () => {
    const [row] = await db.warehouse.execute(
      `SELECT COUNT(*) AS "ROWS", COUNT(DISTINCT "EVENT_ID") AS "IDS" FROM ${RAW}`,
    );
    return { rows: Number(row?.ROWS), ids: Number(row?.IDS) };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventflake-snowflake-load-'));
    jsonl = join(dir, 'events.jsonl.gz');
    csv = join(dir, 'events.csv.gz');
    bad = await writeFixture(jsonl, fixture, 'jsonl');
    badCsv = await writeFixture(csv, fixture, 'csv');
    db = await throwawayDatabase('LOAD');
    // The stage and file formats as 10_load.sql creates them, which loadFiles then uses.
    await applyWineShopFiles(
      db.warehouse,
      ['01_setup.sql', '02_tables.sql', '10_load.sql'],
      targetOf(db.name),
    );
  });

  afterAll(async () => {
    await db?.drop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('lands every valid line once with its file lineage, and dead-letters each bad line locally', async () => {
    const deadLetterPath = join(dir, 'dlq.jsonl');
    const summary = await loadFiles([jsonl], {
      warehouse: db.warehouse,
      rawTable: DEFAULT_RAW_TABLE,
      deadLetterPath,
    });
    expect(summary).toMatchObject({ valid: EVENTS, bad: bad.size, inserted: EVENTS });
    expect(await rawCounts()).toEqual({ rows: EVENTS, ids: EVENTS });
    expect(await deadLetterLines(deadLetterPath)).toEqual(expectedCodes(bad));

    const first = fixture.events[0];
    const [row] = await db.warehouse.execute(
      `SELECT "EVENT_METADATA":"file"::VARCHAR AS "FILE", "EVENT_METADATA":"line"::NUMBER AS "LINE", "EVENT_TIMESTAMP"
       FROM ${RAW} WHERE "EVENT_ID" = ?`,
      [first?.event_id ?? ''],
    );
    expect(row).toMatchObject({ FILE: jsonl, LINE: 1 });
    expect(row?.EVENT_TIMESTAMP).toEqual(new Date(String(first?.event_timestamp)));
  });

  it('adds nothing when the same events are loaded again, from JSONL or CSV', async () => {
    const deadLetterPath = join(dir, 'dlq-again.jsonl');
    const again = await loadFiles([jsonl, csv], { warehouse: db.warehouse, deadLetterPath });
    expect(again).toMatchObject({ valid: 2 * EVENTS, bad: bad.size + badCsv.size, inserted: 0 });
    expect(await rawCounts()).toEqual({ rows: EVENTS, ids: EVENTS });
    expect(await deadLetterLines(deadLetterPath)).toEqual(
      new Map([...expectedCodes(bad), ...expectedCodes(badCsv)]),
    );
  });
});
