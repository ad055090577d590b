import { LANDING_SEQUENCE_KEY } from '../ddl/snowflake/snowflake-load-sql.js';
import { type QualifiedName, quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';
import { RAW_COLUMNS } from '../warehouse/raw-layout.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { sqlString } from './sql-validation/sql-text.js';

const LOADED_COLUMNS = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

/**
 * One INSERT … SELECT over DuckDB's own `read_json` of every staged file: DuckDB parses and inserts the
 * rows, in one statement (atomic on its own), keeping EVENT_IDs RAW lacks, one row per EVENT_ID.
 */
export function insertFromStagedFilesSql(raw: QualifiedName, files: readonly string[]): string {
  return insertFirstNewRowsSql(raw, stagedRowsSql(files), quoteIdentifier(LANDING_SEQUENCE_KEY));
}

/**
 * DuckDB's `read_json` of staged row files: the landing sequence key, then RAW's loaded columns.
 *
 * @example
 * await wh.execute(`SELECT count(*) FROM (${stagedRowsSql(['/tmp/load/part-0001.jsonl'])})`);
 */
export function stagedRowsSql(files: readonly string[]): string {
  const columns = [
    `${sqlString(LANDING_SEQUENCE_KEY)}: 'BIGINT'`,
    ...LOADED_COLUMNS.map(
      (c) => `${sqlString(c.name)}: ${sqlString(c.duckdb === 'JSON' ? 'JSON' : 'VARCHAR')}`,
    ),
  ].join(', ');
  return `SELECT * FROM read_json([${files.map(sqlString).join(', ')}], format = 'newline_delimited', columns = {${columns}},
    maximum_object_size = 268435456)`;
}

/**
 * The INSERT every DuckDB load ends with: of `rows` (a query with RAW's loaded columns and `sequence`),
 * the first row per EVENT_ID by `sequence`, and only EVENT_IDs RAW lacks. One statement, atomic on its own.
 *
 * @example
 * await wh.execute(insertFirstNewRowsSql(DEFAULT_RAW_TABLE, stagedRowsSql(files), '"EVENTFLAKE$SEQ"'));
 */
export function insertFirstNewRowsSql(raw: QualifiedName, rows: string, sequence: string): string {
  const projected = LOADED_COLUMNS.map((c) => {
    const col = `b.${quoteIdentifier(c.name)}`;
    return c.duckdb === 'TIMESTAMP' ? `CAST(${col} AS TIMESTAMP)` : col;
  }).join(', ');
  const id = quoteIdentifier('EVENT_ID');
  const table = quoteQualified(raw);
  return `INSERT INTO ${table} (${RAW_COLUMNS.map((c) => quoteIdentifier(c.name)).join(', ')})
SELECT ${projected}, (now() AT TIME ZONE 'UTC')
FROM (
  SELECT *, row_number() OVER (PARTITION BY ${id} ORDER BY ${sequence}) AS ef_rank
  FROM (${rows}) AS s
) AS b
WHERE b.ef_rank = 1
  AND NOT EXISTS (SELECT 1 FROM ${table} AS r WHERE r.${id} = b.${id})`;
}

/**
 * Land staged files in RAW on DuckDB; returns the rows inserted.
 *
 * @example
 * const inserted = await landOnDuckDb(warehouse, DEFAULT_RAW_TABLE, ['/tmp/load/part-0001.jsonl']);
 */
export async function landOnDuckDb(
  warehouse: Warehouse,
  raw: QualifiedName,
  files: readonly string[],
): Promise<number> {
  if (files.length === 0) return 0;
  const [result] = await warehouse.execute(insertFromStagedFilesSql(raw, files));
  return Number(result?.Count ?? 0);
}
