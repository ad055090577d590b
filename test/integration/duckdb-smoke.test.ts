import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('DuckDB through @duckdb/node-api', () => {
  let instance: DuckDBInstance;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });

  afterAll(() => {
    instance.closeSync();
  });

  it('appends 10,000 rows and queries them back', async () => {
    const connection = await instance.connect();
    await connection.run(
      'CREATE TABLE smoke_events (event_id VARCHAR PRIMARY KEY, quantity INTEGER, payload JSON, seen_at TIMESTAMP)',
    );
    const appender = await connection.createAppender('smoke_events');
    for (let i = 0; i < 10_000; i++) {
      appender.appendVarchar(`evt-${i}`);
      appender.appendInteger(i % 7);
      appender.appendVarchar(JSON.stringify({ i, category: i % 2 === 0 ? 'Rouge' : 'Blanc' }));
      appender.appendNull();
      appender.endRow();
    }
    appender.closeSync();

    const totals = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, sum(quantity)::INTEGER AS q,
              count(*) FILTER (WHERE payload->>'category' = 'Rouge')::INTEGER AS rouge
       FROM smoke_events`,
    );
    expect(totals.getRowObjects()).toEqual([{ n: 10_000, q: 29_994, rouge: 5_000 }]);

    const bound = await connection.runAndReadAll('SELECT quantity FROM smoke_events WHERE event_id = $id', {
      id: 'evt-9999',
    });
    expect(bound.getRows()).toEqual([[9999 % 7]]);
    connection.closeSync();
  });

  it('rejects a duplicate primary key with an error', async () => {
    const connection = await instance.connect();
    await expect(connection.run("INSERT INTO smoke_events VALUES ('evt-1', 1, '{}', NULL)")).rejects.toThrow(
      /duplicate key|PRIMARY KEY|unique/i,
    );
    connection.closeSync();
  });
});
