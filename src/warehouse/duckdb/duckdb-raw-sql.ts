import { quoteIdentifier } from '../identifier.js';
import { RAW_COLUMNS } from '../raw-layout.js';

/** Session-private staging table the appender fills before the deduplicating insert. */
export const RAW_BATCH_TABLE = 'EVENTFLAKE_RAW_BATCH';

const BATCH_COLUMNS = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

export function createRawBatchTable(): string {
  const columns = BATCH_COLUMNS.map((c) => `${quoteIdentifier(c.name)} VARCHAR`).join(', ');
  return `CREATE TEMP TABLE IF NOT EXISTS ${quoteIdentifier(RAW_BATCH_TABLE)} (${columns})`;
}

/**
 * Insert only EVENT_IDs not yet in RAW, and one row per EVENT_ID within the batch (the first seen),
 * which is what makes a replayed batch a no-op. Timestamps arrive as ISO 8601 UTC text.
 */
export function insertNewRawRowsSql(rawTable: string): string {
  const id = quoteIdentifier('EVENT_ID');
  const names = RAW_COLUMNS.map((c) => quoteIdentifier(c.name)).join(', ');
  const projected = BATCH_COLUMNS.map((c) => {
    const col = `b.${quoteIdentifier(c.name)}`;
    return c.duckdb === 'VARCHAR' ? col : `CAST(${col} AS ${c.duckdb})`;
  }).join(', ');
  return `INSERT INTO ${rawTable} (${names})
SELECT ${projected}, (now() AT TIME ZONE 'UTC')
FROM (
  SELECT *, row_number() OVER (PARTITION BY ${id} ORDER BY rowid) AS ef_rank FROM temp.main.${quoteIdentifier(RAW_BATCH_TABLE)}
) AS b
WHERE b.ef_rank = 1
  AND NOT EXISTS (SELECT 1 FROM ${rawTable} AS r WHERE r.${id} = b.${id})`;
}

/** The RAW table in DuckDB, created when missing (local mode owns its database). */
export function createRawTableSql(schema: string, table: string): string {
  const columns = RAW_COLUMNS.map(
    (c) => `${quoteIdentifier(c.name)} ${c.duckdb}${c.nullable ? '' : ' NOT NULL'}`,
  ).join(',\n  ');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(schema)}.${quoteIdentifier(table)} (\n  ${columns}\n)`;
}
