import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import { readDeadLetters } from '../../../src/sink/index.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { cli, useTempDir } from './support.js';

async function rawCount(db: string): Promise<number> {
  const wh = await DuckDbWarehouse.open({ path: db });
  try {
    const [row] = await wh.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
    return Number(row?.n);
  } finally {
    await wh.close();
  }
}

describe('eventflake load', () => {
  const tempDir = useTempDir('load');
  let file: string;
  beforeAll(async () => {
    const lines = createGenerator(wineShop, { seed: 4 })
      .take(600)
      .map((event) => JSON.stringify(event));
    lines[9] = '{not json';
    lines[399] = lines[399]?.replace(/"event_type":"[A-Z_]+"/, '"event_type":"NOPE"') ?? '';
    file = join(tempDir(), 'events.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
  });

  it('creates RAW in a fresh DuckDB file, lands the valid lines and dead-letters the rest (exit 1)', async () => {
    const db = join(tempDir(), 'fresh.duckdb');
    const dlq = join(tempDir(), 'fresh-dlq.jsonl');
    const { code, stderr } = await cli(['load', file, '--db', db, '--dlq', dlq, '--memory-limit', '1GB']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/valid 598 → inserted 598, already in RAW 0/);
    expect(await rawCount(db)).toBe(598);
    const letters = [];
    for await (const letter of readDeadLetters(dlq)) letters.push(letter);
    expect(letters.map((l) => [l.lineage.line, l.reason.code])).toEqual([
      [10, 'invalid_json'],
      [400, 'unknown_event_type'],
    ]);
    // The same file again: every valid event is already in RAW.
    const again = await cli(['load', file, '--db', db, '--dlq', join(tempDir(), 'again.jsonl')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/valid 598 → inserted 0, already in RAW 598/);
    expect(await rawCount(db)).toBe(598);
  }, 60_000);

  it('lands nothing and exits 2 past --max-bad-lines', async () => {
    const db = join(tempDir(), 'strict.duckdb');
    const dlq = join(tempDir(), 'strict-dlq.jsonl');
    const { code, stderr } = await cli(['load', file, '--db', db, '--dlq', dlq, '--max-bad-lines', '1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eventflake: .*nothing was loaded; dead letters in /m);
    expect(await rawCount(db)).toBe(0);
    expect((await readFile(dlq, 'utf8')).trim().split('\n')).toHaveLength(2);
  }, 60_000);

  it('names --memory-limit when its size cannot be read (exit 1)', async () => {
    const db = join(tempDir(), 'bad-option.duckdb');
    const { code, stderr } = await cli(['load', file, '--db', db, '--memory-limit', 'lots']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^eventflake: Expected `memoryLimit` to be a size such as '512MB' or '4GB', got `lots`/,
    );
  });
});
