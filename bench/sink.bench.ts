import type { DuckDBConnection } from '@duckdb/node-api';
import {
  BatchSink,
  createGenerator,
  DuckDbWarehouse,
  InProcessSource,
  MemoryDeadLetterQueue,
  wineShop,
  wineShopRegistry,
} from '../src/index.js';
import { createRawTableSql } from '../src/warehouse/duckdb/duckdb-raw-sql.js';
import { format, measure, report, rssMb } from './measure.js';

const N = 100_000;

/**
 * Events per second from an in-process source through the BatchSink into DuckDB's RAW table, against
 * DuckDB's bare appender writing the same rows (the ceiling any writer into DuckDB has).
 */
export async function sinkBench(): Promise<boolean> {
  const generator = createGenerator(wineShop, { seed: 3 });
  const events = Array.from({ length: N }, () => generator.next());
  const texts = events.map((e) => JSON.stringify(e));

  const baseline = await measure(
    'DuckDB appender, bare (same rows)',
    N,
    async (n) => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection: DuckDBConnection = await instance.connect();
      await connection.run('CREATE TABLE raw (id VARCHAR, type VARCHAR, ts VARCHAR, data VARCHAR)');
      const appender = await connection.createAppender('raw');
      for (let i = 0; i < n; i++) {
        const e = events[i % events.length];
        if (e === undefined) continue;
        appender.appendVarchar(e.event_id);
        appender.appendVarchar(e.event_type);
        appender.appendVarchar(e.event_timestamp);
        appender.appendVarchar(texts[i % texts.length] ?? '');
        appender.endRow();
      }
      appender.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
    2,
  );

  let peakRss = rssMb();
  const sinkFigure = await measure(
    'InProcessSource → BatchSink → DuckDB RAW',
    N,
    async (n) => {
      const warehouse = await DuckDbWarehouse.open();
      await warehouse.execute('CREATE SCHEMA "RAW_DATA"');
      await warehouse.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
      const sink = new BatchSink({
        warehouse,
        registry: wineShopRegistry,
        deadLetterQueue: new MemoryDeadLetterQueue(),
      });
      const timer = setInterval(() => {
        peakRss = Math.max(peakRss, rssMb());
      }, 50);
      await new InProcessSource(texts.slice(0, n)).run(sink);
      await sink.close();
      clearInterval(timer);
      const [row] = await warehouse.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
      if (Number(row?.n) !== n) throw new Error(`expected ${n} rows in RAW, found ${String(row?.n)}`);
      await warehouse.close();
    },
    2,
  );

  console.log(`\n# sink (${format(N)} events per round, best of 2)`);
  report(baseline, baseline);
  report(sinkFigure, baseline);
  console.log(`peak RSS during the sink rounds: ${peakRss.toFixed(0)} MB`);
  return true;
}
