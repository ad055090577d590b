import { expect } from 'vitest';
import { fitsSqlLineFile } from '../../../src/load/sql-line-file.js';
import { compileRegistry } from '../../../src/load/sql-validation/registry-compiler.js';
import { decodeRecord } from '../../../src/sink/decode-record.js';
import type { EventParser } from '../../../src/sink/event-parser.js';
import type { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';

const FILE = 'events/2025-10.jsonl';

interface Verdict {
  readonly verdict: 'V' | 'X' | 'U';
  readonly row: Record<string, unknown>;
  /** What RAW would hold for the JavaScript row: its JSON texts through DuckDB's JSON type. */
  readonly expected?: Record<string, unknown>;
}

/** Classify `lines` in SQL and decode them in JavaScript, side by side. */
export async function both(
  wh: DuckDbWarehouse,
  registry: EventParser,
  lines: readonly string[],
): Promise<{ line: string; sql: Verdict; js: ReturnType<typeof decodeRecord> }[]> {
  const compiled = compileRegistry(registry);
  if (compiled === undefined) throw new Error('registry did not compile');
  const usable = lines.filter((line) => fitsSqlLineFile(Buffer.from(line)) && line.length > 0);
  await wh.execute(
    `CREATE OR REPLACE TEMP TABLE lines AS
     SELECT CAST(i AS BIGINT) AS seq, CAST(i AS BIGINT) AS line, l[i] AS text
     FROM (SELECT from_json(?::VARCHAR, '["VARCHAR"]') AS l), range(1, len(l) + 1) AS r(i)`,
    [JSON.stringify(usable)],
  );
  const rows = await wh.execute(`SELECT * FROM (${compiled.classifySql('lines')}) ORDER BY seq`, [
    JSON.stringify(FILE),
  ]);
  return Promise.all(
    rows.map(async (row) => {
      const line = Number(row.seq);
      const text = usable[line - 1] ?? '';
      const js = decodeRecord(
        { value: Buffer.from(text), lineage: { file: FILE, line } },
        registry,
        () => new Date(0),
      );
      let expected: Record<string, unknown> | undefined;
      if (js.kind === 'row') {
        const [normalized] = await wh.execute(
          'SELECT CAST(json(?) AS VARCHAR) AS d, CAST(json(?) AS VARCHAR) AS m',
          [js.row.eventData, js.row.eventMetadata ?? 'null'],
        );
        expected = {
          EVENT_ID: js.row.eventId,
          EVENT_TYPE: js.row.eventType,
          EVENT_TIMESTAMP: js.row.eventTimestamp,
          PRODUCT_ID: js.row.productId,
          CUSTOMER_ID: js.row.customerId,
          EVENT_DATA: normalized?.d,
          EVENT_METADATA: normalized?.m,
        };
      }
      return { line: text, sql: { verdict: row.verdict as Verdict['verdict'], row, expected }, js };
    }),
  );
}

/** Every SQL verdict matches JavaScript: invalid lines die, valid ones hold the same RAW row. */
export function expectAgreement(results: Awaited<ReturnType<typeof both>>): {
  V: number;
  X: number;
  U: number;
} {
  const counts = { V: 0, X: 0, U: 0 };
  for (const { line, sql, js } of results) {
    counts[sql.verdict]++;
    if (sql.verdict === 'X') expect({ line, js: js.kind }).toEqual({ line, js: 'dead' });
    if (sql.verdict === 'V') {
      expect({ line, js: js.kind }).toEqual({ line, js: 'row' });
      const { EVENT_ID, EVENT_TYPE, EVENT_TIMESTAMP, PRODUCT_ID, CUSTOMER_ID, EVENT_DATA, EVENT_METADATA } =
        sql.row;
      expect({
        line,
        row: { EVENT_ID, EVENT_TYPE, EVENT_TIMESTAMP, PRODUCT_ID, CUSTOMER_ID, EVENT_DATA, EVENT_METADATA },
      }).toEqual({
        line,
        row: sql.expected,
      });
    }
  }
  return counts;
}
