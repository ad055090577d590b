import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../../../src/events/define-event.js';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { field } from '../../../src/events/field.js';
import { createRegistry } from '../../../src/events/registry.js';
import type { SqlRules } from '../../../src/events/sql-rules.js';
import { orderCreated, wineShopRegistry } from '../../../src/events/wine-shop.js';
import { type LoadOptions, loadFiles } from '../../../src/load/load-files.js';
import type { EventParser } from '../../../src/sink/event-parser.js';
import { readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { faultyLines, generatedEvents, mutatedLine } from '../../unit/load/event-mutations.js';

const dir = mkdtempSync(join(tmpdir(), 'eventflake-sql-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of generated events, their faults and mutations, and the lines only framing can judge. */
function mixedFile(name: string, seed: number): string {
  const events = generatedEvents(400, seed);
  const lines = [
    ...events.map((e) => JSON.stringify(e)),
    ...faultyLines(events.slice(0, 100), seed),
    ...fc.sample(mutatedLine(events), { numRuns: 600, seed }),
    JSON.stringify(events[3]),
    '',
    '   ',
  ];
  const buffers = lines.map((line) => Buffer.from(line));
  buffers.push(Buffer.from(`${JSON.stringify(events[5]).replace('":', '":\r')}`));
  buffers.push(Buffer.concat([Buffer.from('{"event_id":"'), Buffer.from([0xff]), Buffer.from('"}')]));
  buffers.push(
    Buffer.from(JSON.stringify({ ...events[6], event_data: { shipping_address: 'x'.repeat(5000) } })),
  );
  const shuffled =
    fc.sample(fc.shuffledSubarray(buffers, { minLength: buffers.length }), { numRuns: 1, seed })[0] ??
    buffers;
  const path = join(dir, name);
  writeFileSync(path, gzipSync(Buffer.concat(shuffled.flatMap((b) => [b, Buffer.from('\r\n')]))));
  return path;
}

/** A PING type whose `n` must not be 7 (a field refinement, code `not_seven`), with an optional twin. */
function pingDefinition(description: string, sqlRules?: SqlRules) {
  return defineEvent({
    type: 'PING',
    version: 1,
    description,
    productId: 'none',
    customerId: 'none',
    data: z.strictObject({
      n: field(
        z.int().refine((n) => n !== 7, { params: { code: 'not_seven' } }),
        { type: 'integer' },
      ),
    }),
    ...(sqlRules === undefined ? {} : { sqlRules }),
  });
}

/** A JSONL file of PING events, one per `n`. */
function pingFile(name: string, values: readonly number[]): string {
  const path = join(dir, name);
  const event = (n: number) => ({
    event_id: randomUUID(),
    event_type: 'PING',
    event_timestamp: '2025-10-19T08:00:00.000Z',
    event_data: { n },
    source: { producer: 'test', schema_version: 1 },
  });
  writeFileSync(path, values.map((n) => JSON.stringify(event(n))).join('\n'));
  return path;
}

async function load(paths: string[], registry: EventParser, tag: string, extra: Partial<LoadOptions> = {}) {
  const wh = await DuckDbWarehouse.open();
  try {
    await wh.execute('CREATE SCHEMA "RAW_DATA"');
    await wh.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
    const deadLetterPath = join(dir, `dlq-${tag}.jsonl`);
    const outcome = await loadFiles(paths, {
      warehouse: wh,
      registry,
      deadLetterPath,
      maxLineBytes: 4096,
      now: () => new Date(0),
      ...extra,
    }).then(
      (summary) => ({ ...summary, seconds: 0, deadLetterPath: '' }),
      (error: Error) => ({ error: error.message }),
    );
    const rows = await wh.execute(
      `SELECT * EXCLUDE ("INGESTION_TIMESTAMP"), CAST("EVENT_DATA" AS VARCHAR) AS d, CAST("EVENT_METADATA" AS VARCHAR) AS m
       FROM "RAW_DATA"."RAW_EVENTS_STREAM" ORDER BY "EVENT_ID"`,
    );
    const letters = [];
    if (existsSync(deadLetterPath))
      for await (const letter of readDeadLetters(deadLetterPath)) letters.push(letter);
    return { outcome, rows, letters };
  } finally {
    await wh.close();
  }
}

describe('loadFiles validating in SQL', () => {
  it.each([
    ['wine shop', wineShopRegistry],
    ['dropshipping', dropshippingRegistry],
  ])(
    '%s: RAW, the dead-letter file and the summary are exactly those of the JavaScript path',
    async (name, registry) => {
      const files = [mixedFile(`${name}-a.jsonl.gz`, 21), mixedFile(`${name}-b.jsonl.gz`, 22)];
      const sql = await load(files, registry, `${name}-sql`);
      const javascript = await load(files, { parse: (input) => registry.parse(input) }, `${name}-js`);
      expect(sql.rows.length).toBeGreaterThan(350);
      expect(sql.letters.length).toBeGreaterThan(500);
      expect(sql.outcome).toMatchObject({ validatedInJavaScript: {} });
      expect(javascript.outcome).toMatchObject({ validatedInJavaScript: { '*': expect.any(String) } });
      const withoutPath = (run: typeof sql) => ({
        ...run,
        outcome: { ...run.outcome, validatedInJavaScript: undefined },
      });
      expect(withoutPath(sql)).toEqual(withoutPath(javascript));
    },
    120_000,
  );

  it('names each type validated in JavaScript, with the reason, and still validates it exactly', async () => {
    const ping = pingDefinition('A ping with a field rule no SQL twin covers');
    const path = pingFile('ping-fallback.jsonl', [1, 7, 8]);
    const { outcome, rows, letters } = await load(
      [path],
      createRegistry([orderCreated, ping]),
      'ping-fallback',
    );
    expect(outcome).toMatchObject({ valid: 2, bad: 1, inserted: 2 });
    const fallback = 'validatedInJavaScript' in outcome ? outcome.validatedInJavaScript : {};
    expect(Object.keys(fallback)).toEqual(['PING']);
    expect(fallback.PING).toMatch(/not_seven/);
    expect(rows).toHaveLength(2);
    expect(letters.map((l) => l.lineage)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('refuses to load when JavaScript accepts a line the SQL twin rejected (a wrong twin), naming the line', async () => {
    const ping = pingDefinition('A ping whose SQL twin is wrong on purpose', {
      covers: ['not_seven'],
      sql: (f) => `${f.value('event_data.n')} <> 8`,
    });
    const path = pingFile('ping.jsonl', [1, 7, 8]);
    const { outcome, rows } = await load([path], createRegistry([ping]), 'ping');
    expect(outcome).toEqual({
      error: expect.stringMatching(/line 3: the SQL validation rejected a PING event/),
    });
    expect(rows).toEqual([]);
  });

  it('stops at the same bad line, with the same dead letters, when the tolerance is exceeded', async () => {
    const file = mixedFile('tolerance.jsonl.gz', 23);
    const tolerance = { maxBadLines: 40 };
    const sql = await load([file], wineShopRegistry, 'tol-sql', { tolerance });
    const javascript = await load([file], { parse: (input) => wineShopRegistry.parse(input) }, 'tol-js', {
      tolerance,
    });
    expect(sql.outcome).toEqual({ error: expect.stringMatching(/41 bad lines/) });
    expect(sql.rows).toEqual([]);
    expect(sql).toEqual(javascript);
  }, 120_000);
});
