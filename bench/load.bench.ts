import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { wineShopRegistry } from '../src/events/wine-shop.js';
import { createGenerator, wineShop } from '../src/generate/index.js';
import { insertFirstNewRowsSql } from '../src/load/duckdb-landing.js';
import { loadFiles } from '../src/load/load-files.js';
import { createRawTableSql } from '../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbWarehouse } from '../src/warehouse/duckdb/duckdb-warehouse.js';
import { DEFAULT_RAW_TABLE } from '../src/warehouse/raw-layout.js';
import { type Figure, format, report, rssMb } from './measure.js';

/**
 * File loader on DuckDB: BENCH_LOAD_EVENTS events (default 1,000,000) from one JSONL.gz file into RAW
 * through `loadFiles` (every line validated by the SQL compiled from the registry, EVENT_ID
 * deduplication and anti-join), against a bare `read_json` of the same file into a table, in the same
 * run. Target (issue #9): within 2× of the bare read, ratio ≥ 0.5. The JavaScript validation (a parser
 * that is not a `createRegistry` registry takes it) is measured too, unless BENCH_LOAD_JS=0. So is a floor:
 * the same file landed in RAW as the loader lands it (line numbers, first row per EVENT_ID, anti-join)
 * with no validation at all, which shows how much of the target's time landing alone takes.
 */
export async function loadBench(): Promise<boolean> {
  const events = Number(process.env.BENCH_LOAD_EVENTS ?? 1_000_000);
  if (!Number.isSafeInteger(events) || events < 1)
    throw new Error('BENCH_LOAD_EVENTS must be a whole number ≥ 1');
  const dir = await mkdtemp(join(tmpdir(), 'eventflake-load-bench-'));
  let peakRss = rssMb();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb());
  }, 100);
  try {
    const file = join(dir, 'events.jsonl.gz');
    await writeEvents(file, events);
    const baseline = await timed('bare read_json into a table', events, async (wh) => {
      await wh.execute(
        `CREATE TABLE "BARE" AS SELECT * FROM read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited')`,
      );
      return wh.execute('SELECT count(*) AS "N" FROM "BARE"');
    });
    const floor = await timed('floor: landing alone, no validation', events, async (wh) => {
      const [result] = await wh.execute(
        insertFirstNewRowsSql(DEFAULT_RAW_TABLE, unvalidatedRowsSql(file), 'seq'),
      );
      return [{ N: Number(result?.Count) }];
    });
    const loader = await timed('loadFiles (SQL validation, dedup)', events, async (wh) => {
      const summary = await loadFiles([file], { warehouse: wh, deadLetterPath: join(dir, 'dlq.jsonl') });
      return [{ N: summary.inserted }];
    });
    const javascript =
      process.env.BENCH_LOAD_JS === '0'
        ? undefined
        : await timed('loadFiles (JavaScript validation)', events, async (wh) => {
            // Only `parse` is visible through this wrapper, so the loader cannot compile it to SQL.
            const registry = { parse: (input: unknown) => wineShopRegistry.parse(input) };
            const summary = await loadFiles([file], {
              warehouse: wh,
              registry,
              deadLetterPath: join(dir, 'dlq-js.jsonl'),
            });
            return [{ N: summary.inserted }];
          });
    console.log(`\n# file load into DuckDB (${format(events)} events, one JSONL.gz file)`);
    report(baseline.figure, baseline.figure);
    const met = report(loader.figure, baseline.figure, baseline.figure.itemsPerSecond / 2);
    if (javascript !== undefined) report(javascript.figure, baseline.figure);
    report(floor.figure, baseline.figure);
    const jsRows = javascript === undefined ? '' : `, JavaScript path ${javascript.rows}`;
    console.log(
      `rows: bare ${baseline.rows}, loader ${loader.rows}${jsRows}; peak RSS ${peakRss.toFixed(0)} MB`,
    );
    return (
      met &&
      baseline.rows === events &&
      loader.rows === events &&
      floor.rows === events &&
      (javascript?.rows ?? events) === events
    );
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The file's lines as RAW rows, typed by `read_json` and numbered in file order, with nothing checked: the
 * floor's input. EVENT_METADATA has the loader's shape (file, line, source).
 */
function unvalidatedRowsSql(file: string): string {
  const path = file.replaceAll("'", "''");
  const text = ['event_id', 'event_type', 'event_timestamp', 'product_id', 'customer_id'];
  const columns = [...text.map((c) => `${c}: 'VARCHAR'`), "event_data: 'JSON'", "source: 'JSON'"].join(', ');
  return `SELECT seq, ${text.map((c) => `${c} AS "${c.toUpperCase()}"`).join(', ')}, event_data AS "EVENT_DATA",
    CAST('{"file":' || to_json('${path}') || ',"line":' || seq || ',"source":' || CAST(source AS VARCHAR) || '}' AS JSON) AS "EVENT_METADATA"
  FROM (SELECT row_number() OVER () AS seq, * FROM read_json('${path}', format = 'newline_delimited', columns = {${columns}}))`;
}

async function writeEvents(path: string, events: number): Promise<void> {
  const generator = createGenerator(wineShop, { seed: 17 });
  function* lines(): Generator<string> {
    let chunk = '';
    for (let i = 0; i < events; i++) {
      chunk += `${JSON.stringify(generator.next())}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(lines, createGzip(), createWriteStream(path));
}

/** A fresh in-memory database with RAW, then `body` timed once. */
async function timed(
  name: string,
  events: number,
  body: (wh: DuckDbWarehouse) => Promise<Record<string, unknown>[]>,
): Promise<{ figure: Figure; rows: number }> {
  const wh = await DuckDbWarehouse.open();
  try {
    await wh.execute('CREATE SCHEMA "RAW_DATA"');
    await wh.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
    const start = process.hrtime.bigint();
    const [row] = await body(wh);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      figure: { name, items: events, seconds, itemsPerSecond: events / seconds },
      rows: Number(row?.N),
    };
  } finally {
    await wh.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await loadBench()) ? 0 : 1;
}
