import { expect } from 'vitest';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { DEFAULT_RAW_TABLE, type RawEventRow } from '../../../src/warehouse/raw-layout.js';
import { TestDagRunner } from './local-dag.js';

/** An in-memory DuckDB with the wine shop's tables and views, and a DAG runner over it. */
export interface WineShopDb {
  readonly wh: DuckDbWarehouse;
  readonly dag: TestDagRunner;
  /** Lands rows in RAW through the warehouse adapter, as the sink does. */
  land(...rows: RawEventRow[]): Promise<void>;
  count(table: string): Promise<number>;
  /** Runs one named statement of a rendered DuckDB file. */
  run(fileName: string, statement: string): Promise<Record<string, unknown>[]>;
}

export async function openWineShopDb(): Promise<WineShopDb> {
  const wh = await DuckDbWarehouse.open();
  const dag = new TestDagRunner(wh, wineShopSpec);
  await dag.apply('setup', 'tables', 'monitoring');
  const files = render(wineShopSpec, { dialect: 'duckdb' });
  return {
    wh,
    dag,
    async land(...rows) {
      const result = await wh.insertRawEvents(DEFAULT_RAW_TABLE, rows);
      expect(result.inserted).toBe(rows.length);
    },
    async count(table) {
      return Number((await wh.execute(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
    },
    run(fileName, statement) {
      const sql = files.find((f) => f.name === fileName)?.statements.find((s) => s.name === statement)?.sql;
      if (sql === undefined) throw new Error(`no statement ${statement} in ${fileName}`);
      return wh.execute(sql);
    },
  };
}
