import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { BadLineSink } from '../../../src/load/bad-line-sink.js';
import { BufferedWriter } from '../../../src/load/buffered-writer.js';
import { readLoadOptions } from '../../../src/load/load-options.js';
import { LoadProgress } from '../../../src/load/load-progress.js';
import { LineParts, SqlLineFile } from '../../../src/load/sql-line-file.js';
import { SqlLoad } from '../../../src/load/sql-load.js';
import { compileRegistry } from '../../../src/load/sql-validation/registry-compiler.js';
import { JsonlFileDeadLetterQueue } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import type { Warehouse } from '../../../src/warehouse/warehouse.js';
import { generatedEvents } from './event-mutations.js';

let wh: DuckDbWarehouse;
let dir: string;
beforeAll(async () => {
  wh = await DuckDbWarehouse.open();
  dir = await mkdtemp(join(tmpdir(), 'ef-sql-load-'));
});
afterAll(async () => {
  await wh.close();
  await rm(dir, { recursive: true, force: true });
});

const MISSING = '/nonexistent-eventflake-dir/out.txt';

async function openLoad(warehouse: Warehouse, workDir: string): Promise<SqlLoad> {
  const compiled = compileRegistry(wineShopRegistry);
  if (compiled === undefined) throw new Error('wine shop did not compile');
  const options = readLoadOptions(['x.jsonl'], { warehouse, deadLetterPath: join(dir, 'dlq.jsonl') });
  const bad = new BadLineSink(new JsonlFileDeadLetterQueue({ path: join(dir, 'dlq.jsonl') }), Infinity);
  const progress = new LoadProgress(options.progressStream, 1, 0, false);
  return SqlLoad.open({ warehouse, options, compiled, bad, workDir, progress });
}

async function loadTables(): Promise<number> {
  const [row] = await wh.execute(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'ef_load_%'",
  );
  return Number(row?.n);
}

describe('the SQL load fails loudly, never silently', () => {
  it('reports a write stream error from the next call instead of crashing the process', async () => {
    const rows = new BufferedWriter(MISSING);
    const lines = new SqlLineFile(MISSING);
    // Give the failed open time to be reported while no call is waiting on the stream.
    await sleep(50);
    expect(() => rows.write('{}\n')).toThrow(/ENOENT/);
    await expect(rows.close()).rejects.toThrow(/ENOENT/);
    expect(() => lines.add(1, Buffer.from('{}'))).toThrow(/ENOENT/);
    await expect(lines.close()).rejects.toThrow(/ENOENT/);
  });

  it('stops taking lines once a classification failed', async () => {
    const parts = new LineParts(join(dir, 'parts'), () => Promise.reject(new Error('classification failed')));
    const line = Buffer.from('{"a":1}');
    let rejected: unknown;
    for (let i = 1; i <= 600_000 && rejected === undefined; i++) {
      await Promise.resolve(parts.add(i, line)).catch((error: unknown) => {
        rejected = error;
      });
    }
    expect(rejected).toEqual(new Error('classification failed'));
    await expect(parts.finish()).rejects.toThrow('classification failed');
  });

  it('throws when DuckDB classifies fewer lines than were written', async () => {
    const file = join(dir, 'events.jsonl');
    await writeFile(
      file,
      `${generatedEvents(20, 3)
        .slice(0, 10)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
    // A warehouse whose classification loses a line, as a reader quirk would.
    const lossy: Warehouse = {
      dialect: 'duckdb',
      execute: async (sql, binds) => {
        const rows = await wh.execute(sql, binds);
        return sql.startsWith('INSERT INTO "ef_load_')
          ? rows.map((r) => ({ ...r, Count: Number(r.Count) - 1 }))
          : rows;
      },
      insertRawEvents: (table, rows) => wh.insertRawEvents(table, rows),
      close: async () => undefined,
    };
    const load = await openLoad(lossy, dir);
    await expect(load.readFile(file, 0, 'jsonl', 0)).rejects.toMatchObject({ code: 'ERR_LOAD_SQL_LINES' });
    await load.close();
  });

  it('drops its temp table even when the rows file cannot be closed', async () => {
    const before = await loadTables();
    const load = await openLoad(wh, '/nonexistent-eventflake-dir');
    expect(await loadTables()).toBe(before + 1);
    await expect(load.close()).rejects.toThrow(/ENOENT/);
    expect(await loadTables()).toBe(before);
  });

  it('refuses a work folder DuckDB would read as a glob', () => {
    for (const workDir of ['/tmp/a*b', '/tmp/a?b', '/tmp/[ab]']) {
      expect(() =>
        readLoadOptions(['x.jsonl'], { warehouse: wh, deadLetterPath: 'd.jsonl', workDir }),
      ).toThrow(expect.objectContaining({ code: 'ERR_CONFIG', field: 'workDir' }));
    }
  });
});
