import { LANDING_SEQUENCE_KEY } from '../ddl/snowflake/snowflake-load-sql.js';
import { type QualifiedName, quoteIdentifier } from '../warehouse/identifier.js';
import { RAW_COLUMNS } from '../warehouse/raw-layout.js';
import { insertFirstNewRowsSql, stagedRowsSql } from './duckdb-landing.js';
import { SEPARATOR } from './sql-line-file.js';
import { sqlString } from './sql-validation/sql-text.js';

/** The RAW columns a load writes (INGESTION_TIMESTAMP is the insert's own clock). */
const LOADED = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

/**
 * Lines per file: seq = file number × 2^36 + line, so one BIGINT orders the whole load and still
 * names the line (files of up to 68 billion lines, 131,072 files within JavaScript's exact integers).
 */
export const LINES_PER_FILE = 2 ** 36;

/**
 * The per-line classification results of one load, in a session temp table.
 *
 * @example
 * await wh.execute(createCheckedTableSql('ef_load_1a2b'));
 */
export function createCheckedTableSql(table: string): string {
  const columns = LOADED.map((c) => `${quoteIdentifier(c.name)} VARCHAR`).join(', ');
  return `CREATE TEMP TABLE ${quoteIdentifier(table)} (seq BIGINT, verdict VARCHAR, text VARCHAR, ${columns})`;
}

/**
 * A line file written by SqlLineFile as the relation `(seq, line, text)` the classification reads.
 *
 * @example
 * linesRelationSql('/tmp/load/lines-00001.txt', 0, 1_048_576);
 */
export function linesRelationSql(path: string, fileIndex: number, maxLineBytes: number): string {
  const maxLine = maxLineBytes + 32;
  const buffer = maxLine > 8_000_000 ? `, buffer_size = ${2 * maxLine}` : '';
  return `(SELECT CAST(n AS BIGINT) + ${fileIndex * LINES_PER_FILE} AS seq, CAST(n AS BIGINT) AS line, t AS text
  FROM read_csv(${sqlString(path)}, columns = {'n': 'BIGINT', 't': 'VARCHAR'}, delim = '${String.fromCharCode(SEPARATOR)}', quote = '',
    escape = '', header = false, auto_detect = false, strict_mode = false, max_line_size = ${maxLine}${buffer}))`;
}

export function insertCheckedSql(table: string, classify: string): string {
  return `INSERT INTO ${quoteIdentifier(table)} ${classify}`;
}

/**
 * The next page of lines SQL did not accept within one file, in line order. Binds: first seq of the
 * file, last seq of the file, last seq already read.
 */
export function notAcceptedPageSql(table: string, pageSize: number): string {
  return `SELECT seq, verdict, text FROM ${quoteIdentifier(table)}
WHERE seq BETWEEN ? AND ? AND seq > ? AND verdict <> 'V' ORDER BY seq LIMIT ${pageSize}`;
}

/**
 * The one INSERT of a load: lines SQL accepted plus the rows JavaScript produced (staged files, read
 * with read_json as before), one row per EVENT_ID (the first in the load), only those RAW lacks.
 * One statement, so atomic on its own.
 *
 * @example
 * await wh.execute(insertLoadedSql(DEFAULT_RAW_TABLE, 'ef_load_1a2b', ['/tmp/load/js-rows.jsonl']));
 */
export function insertLoadedSql(raw: QualifiedName, table: string, jsRowFiles: readonly string[]): string {
  const names = LOADED.map((c) => quoteIdentifier(c.name));
  const sources = [`SELECT seq, ${names.join(', ')} FROM ${quoteIdentifier(table)} WHERE verdict = 'V'`];
  if (jsRowFiles.length > 0) {
    sources.push(`SELECT ${quoteIdentifier(LANDING_SEQUENCE_KEY)}, ${names.map((n) => `CAST(${n} AS VARCHAR)`).join(', ')}
  FROM (${stagedRowsSql(jsRowFiles)})`);
  }
  const rows = `SELECT * FROM (${sources.join('\n  UNION ALL\n  ')}) AS u (seq, ${names.join(', ')})`;
  return insertFirstNewRowsSql(raw, rows, 'seq');
}
