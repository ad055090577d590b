import type { QualifiedName } from '../warehouse/identifier.js';
import { quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';

/** Local mode's own bookkeeping lives apart from the pipeline's schemas. */
export const LOCAL_SCHEMA = 'EVENTFLAKE_LOCAL';

/**
 * Hidden column local mode adds to every table a stream reads: a number from one sequence, drawn at
 * insert. Streams remember the highest number they delivered; unlike DuckDB's rowid it never moves
 * when rows are deleted (retention) or storage is compacted.
 */
export const LOCAL_ROW_SEQ_COLUMN = 'EVENTFLAKE$ROW_SEQ';

/**
 * Every task run local mode recorded, with the columns of Snowflake's INFORMATION_SCHEMA.TASK_HISTORY
 * that seed 000's monitoring reads (NAME, STATE, ERROR_CODE, ERROR_MESSAGE, SCHEDULED_TIME,
 * COMPLETED_TIME…), plus ROWS_READ (rows the task read from its stream) and SKIP_REASON.
 *
 * @example
 * await local.warehouse.execute(`SELECT NAME, ERROR_MESSAGE FROM ${quoteQualified(LOCAL_TASK_HISTORY)} WHERE STATE = 'FAILED'`);
 */
export const LOCAL_TASK_HISTORY: QualifiedName = Object.freeze({
  schema: LOCAL_SCHEMA,
  name: 'TASK_HISTORY',
});

const local = (name: string) => quoteQualified({ schema: LOCAL_SCHEMA, name });

export const SQL_NAMES = {
  rowSequence: local('ROW_SEQ'),
  offsets: local('STREAM_OFFSETS'),
  taskRuns: local('TASK_RUNS'),
  graphState: local('TASK_GRAPH_STATE'),
  rowSeq: quoteIdentifier(LOCAL_ROW_SEQ_COLUMN),
} as const;

/** Creates local mode's schema, sequence, tables and history view; safe to run on every open. */
export function bookkeepingStatements(): string[] {
  const { rowSequence, offsets, taskRuns, graphState } = SQL_NAMES;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(LOCAL_SCHEMA)}`,
    `CREATE SEQUENCE IF NOT EXISTS ${rowSequence}`,
    `CREATE TABLE IF NOT EXISTS ${offsets} (
  "STREAM_NAME" VARCHAR PRIMARY KEY,
  "SOURCE_TABLE" VARCHAR NOT NULL,
  "MODE" VARCHAR NOT NULL,
  "LAST_ROW_SEQ" BIGINT NOT NULL,
  "UPDATED_AT" TIMESTAMP NOT NULL
)`,
    `CREATE TABLE IF NOT EXISTS ${graphState} (
  "ROOT_NAME" VARCHAR PRIMARY KEY,
  "CONSECUTIVE_FAILURES" INTEGER NOT NULL,
  "SUSPENDED" BOOLEAN NOT NULL,
  "UPDATED_AT" TIMESTAMP NOT NULL
)`,
    `CREATE TABLE IF NOT EXISTS ${taskRuns} (
  "ENTRY_ID" BIGINT NOT NULL DEFAULT nextval('${rowSequence}'),
  "GRAPH_RUN_ID" VARCHAR NOT NULL,
  "TASK_NAME" VARCHAR NOT NULL,
  "ROOT_NAME" VARCHAR NOT NULL,
  "NAME" VARCHAR NOT NULL,
  "SCHEMA_NAME" VARCHAR NOT NULL,
  "DATABASE_NAME" VARCHAR NOT NULL,
  "STATE" VARCHAR NOT NULL,
  "SKIP_REASON" VARCHAR,
  "ERROR_CODE" VARCHAR,
  "ERROR_MESSAGE" VARCHAR,
  "QUERY_TEXT" VARCHAR,
  "SCHEDULED_TIME" TIMESTAMP NOT NULL,
  "QUERY_START_TIME" TIMESTAMP,
  "COMPLETED_TIME" TIMESTAMP NOT NULL,
  "ROWS_READ" BIGINT
)`,
    `CREATE OR REPLACE VIEW ${quoteQualified(LOCAL_TASK_HISTORY)} AS
SELECT "NAME", "DATABASE_NAME", "SCHEMA_NAME", "QUERY_TEXT", "STATE", "ERROR_CODE", "ERROR_MESSAGE",
  "SCHEDULED_TIME", "QUERY_START_TIME", "COMPLETED_TIME", "GRAPH_RUN_ID" AS "GRAPH_RUN_GROUP_ID",
  "ROOT_NAME", "ROWS_READ", "SKIP_REASON"
FROM ${taskRuns}`,
  ];
}

/** Gives a stream's table the hidden sequence column; rows already there are numbered too. */
export function addRowSeqColumn(table: string): string {
  return `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${SQL_NAMES.rowSeq} BIGINT DEFAULT nextval('${SQL_NAMES.rowSequence}')`;
}
