import {
  DuckDbWarehouse,
  type QualifiedName,
  type RawEventRow,
  type RawInsertResult,
  type Warehouse,
} from '../../src/index.js';
import { createRawTableSql } from '../../src/warehouse/duckdb/duckdb-raw-sql.js';

/** A warehouse that drops rows, at once or at a fixed pace (serially, `eventsPerSecond`). */
export class DiscardWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect = 'duckdb' as const;
  inserted = 0;
  #queue: Promise<unknown> = Promise.resolve();
  constructor(readonly eventsPerSecond?: number) {}

  insertRawEvents(_table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const rate = this.eventsPerSecond;
    const done = () => {
      this.inserted += rows.length;
      return { inserted: rows.length, skipped: 0 };
    };
    if (rate === undefined) return Promise.resolve(done());
    const next = this.#queue
      .then(() => new Promise((r) => setTimeout(r, (1000 * rows.length) / rate)))
      .then(done);
    this.#queue = next;
    return next;
  }

  async execute(): Promise<[]> {
    return [];
  }
}

/** Records, for each row, the milliseconds from its Kafka timestamp to the end of the insert that landed it. */
export class LatencyWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect: Warehouse['dialect'];
  readonly samples: number[] = [];
  constructor(readonly inner: Warehouse) {
    this.dialect = inner.dialect;
  }

  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const result = await this.inner.insertRawEvents(table, rows);
    const now = Date.now();
    for (const row of rows) {
      const { timestamp } = JSON.parse(row.eventMetadata ?? '{}') as { timestamp?: number };
      if (typeof timestamp === 'number') this.samples.push(now - timestamp);
    }
    return result;
  }

  execute(sql: string, binds?: Parameters<Warehouse['execute']>[1]) {
    return this.inner.execute(sql, binds);
  }
}

/** An in-memory DuckDB with the RAW table. */
export async function rawDuckDb(options: { threads?: number } = {}): Promise<DuckDbWarehouse> {
  const warehouse = await DuckDbWarehouse.open(options);
  await warehouse.execute('CREATE SCHEMA "RAW_DATA"');
  await warehouse.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  return warehouse;
}
