import { quoteIdentifier } from '../identifier.js';
import { RAW_COLUMNS } from '../raw-layout.js';

/** Session-private staging table the appender fills before the deduplicating insert. */
export const RAW_BATCH_TABLE = 'EVENTFLAKE_RAW_BATCH';

const BATCH_COLUMNS = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

/**
 * The batch table's type for a column: text, or JSON for EVENT_DATA when the rows' builder vouched that it
 * wrote it as JSON. DuckDB's appender stores text in a JSON column as given, where the cast from VARCHAR
 * in the INSERT would parse each 1 KB value again only to validate it (about 1 to 1.7 µs a row).
 */
function batchType(column: (typeof BATCH_COLUMNS)[number], eventDataIsJson: boolean): string {
  return eventDataIsJson && column.name === 'EVENT_DATA' ? 'JSON' : 'VARCHAR';
}

/**
 * A fresh, empty batch table. Replaced for every batch rather than emptied: DuckDB does not reclaim rows
 * deleted from a temp table during the session, so a `DELETE` per batch grew memory by a batch each time.
 */
export function replaceRawBatchTableSql(eventDataIsJson = false): string {
  const columns = BATCH_COLUMNS.map(
    (c) => `${quoteIdentifier(c.name)} ${batchType(c, eventDataIsJson)}`,
  ).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(RAW_BATCH_TABLE)} (${columns})`;
}

/**
 * Insert the batch table's rows whose EVENT_ID is not yet in RAW, which is what makes a replayed batch a
 * no-op. The caller has already kept one row per EVENT_ID. Timestamps arrive as ISO 8601 UTC text.
 */
export function insertNewRawRowsSql(rawTable: string, eventDataIsJson = false): string {
  const id = quoteIdentifier('EVENT_ID');
  const names = RAW_COLUMNS.map((c) => quoteIdentifier(c.name)).join(', ');
  const projected = BATCH_COLUMNS.map((c) => {
    const col = `b.${quoteIdentifier(c.name)}`;
    return c.duckdb === batchType(c, eventDataIsJson) ? col : `CAST(${col} AS ${c.duckdb})`;
  }).join(', ');
  return `INSERT INTO ${rawTable} (${names})
SELECT ${projected}, (now() AT TIME ZONE 'UTC')
FROM temp.main.${quoteIdentifier(RAW_BATCH_TABLE)} AS b
WHERE NOT EXISTS (SELECT 1 FROM ${rawTable} AS r WHERE r.${id} = b.${id})`;
}

/** The RAW table in DuckDB, created when missing (local mode owns its database). */
export function createRawTableSql(schema: string, table: string): string {
  const columns = RAW_COLUMNS.map(
    (c) => `${quoteIdentifier(c.name)} ${c.duckdb}${c.nullable ? '' : ' NOT NULL'}`,
  ).join(',\n  ');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(schema)}.${quoteIdentifier(table)} (\n  ${columns}\n)`;
}
