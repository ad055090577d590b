import { type QualifiedName, quoteIdentifier, quoteQualified } from '../../warehouse/identifier.js';
import { type SqlFile, type SqlStatement, sqlFile } from '../renderer/sql-file.js';
import { objectName } from '../spec/names.js';
import type { PipelineSpec } from '../spec/pipeline.js';
import {
  copyIntoLandingSql,
  createLandingTableSql,
  insertNewFromLandingSql,
  LANDING_COLUMN,
} from './snowflake-load-sql.js';

/** Snowpipe from an external stage (AUTO_INGEST works only with cloud storage event notifications). */
export interface SnowpipeOptions {
  /** e.g. `s3://caves-albert-events/landing/`. */
  readonly url: string;
  /** A storage integration the account admin created for that bucket. */
  readonly storageIntegration: string;
  /** @default every 5 minutes */
  readonly mergeEveryMinutes?: number;
}

/** Names of the bulk-load objects; each defaults to a name in RAW's schema. */
export interface LoadDdlOptions {
  readonly stage?: QualifiedName;
  readonly landing?: QualifiedName;
  /** Renders the external stage, pipe, stream and merge task when given. */
  readonly pipe?: SnowpipeOptions;
}

/** Named internal stage the loader PUTs its validated files to. */
export function loadStageName(raw: QualifiedName): QualifiedName {
  return { ...raw, name: 'EVENTFLAKE_LOAD_STAGE' };
}

const text = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * `10_load.sql`: the stage, file formats, landing table, COPY and deduplicating INSERT of bulk loads,
 * and, with `options.pipe`, a Snowpipe feeding the same landing table.
 *
 * @example
 * writeFileSync('10_load.sql', snowflakeLoadFile(wineShopSpec, { pipe: { url: 's3://b/p/', storageIntegration: 'S3_INT' } }).content);
 */
export function snowflakeLoadFile(spec: PipelineSpec, options: LoadDdlOptions = {}): SqlFile {
  const schema = spec.raw.name.schema;
  const stage = options.stage ?? objectName(schema, 'EVENTFLAKE_LOAD_STAGE');
  const landing = options.landing ?? objectName(schema, 'RAW_EVENTS_LANDING');
  const jsonl = objectName(schema, 'EVENTS_JSONL');
  const csv = objectName(schema, 'EVENTS_CSV');
  const statements: SqlStatement[] = [
    { name: 'use_database', sql: `USE DATABASE ${quoteIdentifier(spec.database)}` },
    {
      name: 'create_file_format_jsonl',
      comment: 'One JSON object per line, plain or gzip',
      sql: `CREATE FILE FORMAT IF NOT EXISTS ${quoteQualified(jsonl)}
  TYPE = JSON
  COMPRESSION = AUTO
  COMMENT = 'eventflake: JSON Lines events'`,
    },
    {
      name: 'create_file_format_csv',
      comment: 'Event CSV: a header, event_data and source as JSON text, quoted when needed',
      sql: `CREATE FILE FORMAT IF NOT EXISTS ${quoteQualified(csv)}
  TYPE = CSV
  COMPRESSION = AUTO
  SKIP_HEADER = 1
  FIELD_OPTIONALLY_ENCLOSED_BY = '"'
  EMPTY_FIELD_AS_NULL = TRUE
  ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE
  COMMENT = 'eventflake: event CSV'`,
    },
    {
      name: 'create_load_stage',
      comment: 'Named internal stage; the loader PUTs each load under its own path',
      sql: `CREATE STAGE IF NOT EXISTS ${quoteQualified(stage)}
  FILE_FORMAT = (FORMAT_NAME = ${text(quoteQualified(jsonl))})
  COMMENT = 'eventflake: validated event files waiting for COPY'`,
    },
    { name: 'create_landing_table', sql: createLandingTableSql(landing) },
    {
      name: 'copy_into_landing',
      comment: 'By hand: COPY the staged files into the landing table',
      sql: copyIntoLandingSql(landing, stage),
    },
    {
      name: 'insert_new_raw_rows',
      comment: 'Then insert only EVENT_IDs RAW does not hold yet',
      sql: insertNewFromLandingSql(spec.raw.name, landing),
    },
    { name: 'empty_landing', sql: `DELETE FROM ${quoteQualified(landing)}` },
  ];
  if (options.pipe !== undefined) statements.push(...pipeStatements(spec, landing, jsonl, options.pipe));
  return sqlFile('10_load.sql', header(spec, options.pipe !== undefined), statements);
}

function pipeStatements(
  spec: PipelineSpec,
  landing: QualifiedName,
  jsonl: QualifiedName,
  pipe: SnowpipeOptions,
): SqlStatement[] {
  const schema = spec.raw.name.schema;
  const external = objectName(schema, 'EVENTS_LANDING_EXTERNAL');
  const stream = objectName(schema, 'RAW_EVENTS_LANDING_STREAM');
  const task = objectName(schema, 'MERGE_LANDED_EVENTS');
  const minutes = pipe.mergeEveryMinutes ?? 5;
  const field = (key: string) => `$1:${key}`;
  const object = `OBJECT_CONSTRUCT(
      'EVENT_ID', ${field('event_id')}, 'EVENT_TYPE', ${field('event_type')},
      'EVENT_TIMESTAMP', ${field('event_timestamp')}, 'PRODUCT_ID', ${field('product_id')},
      'CUSTOMER_ID', ${field('customer_id')}, 'EVENT_DATA', ${field('event_data')},
      'EVENT_METADATA', OBJECT_CONSTRUCT('file', METADATA$FILENAME, 'line', METADATA$FILE_ROW_NUMBER, 'source', ${field('source')}),
      'SEQ', METADATA$FILE_ROW_NUMBER
    )`;
  return [
    {
      name: 'create_external_stage',
      sql: `CREATE STAGE IF NOT EXISTS ${quoteQualified(external)}
  URL = ${text(pipe.url)}
  STORAGE_INTEGRATION = ${quoteIdentifier(pipe.storageIntegration)}
  FILE_FORMAT = (FORMAT_NAME = ${text(quoteQualified(jsonl))})`,
    },
    {
      name: 'create_pipe',
      comment:
        'ON_ERROR = SKIP_FILE: these files were not validated by eventflake; a bad file is skipped whole',
      sql: `CREATE PIPE IF NOT EXISTS ${quoteQualified(objectName(schema, 'RAW_EVENTS_PIPE'))}
  AUTO_INGEST = TRUE
  COMMENT = 'eventflake: event files from cloud storage into the landing table'
AS
COPY INTO ${quoteQualified(landing)} (${quoteIdentifier(LANDING_COLUMN)})
FROM (
  SELECT
    ${object}
  FROM @${quoteQualified(external)}
)
FILE_FORMAT = (FORMAT_NAME = ${text(quoteQualified(jsonl))})
ON_ERROR = SKIP_FILE`,
    },
    {
      name: 'create_landing_stream',
      sql: `CREATE STREAM IF NOT EXISTS ${quoteQualified(stream)}
  ON TABLE ${quoteQualified(landing)}
  APPEND_ONLY = TRUE`,
    },
    {
      name: 'create_merge_task',
      comment: 'Moves piped rows into RAW, new EVENT_IDs only',
      sql: `CREATE OR REPLACE TASK ${quoteQualified(task)}
  WAREHOUSE = ${quoteIdentifier(spec.warehouse.name)}
  SCHEDULE = ${text(`${minutes} MINUTE`)}
  WHEN SYSTEM$STREAM_HAS_DATA(${text(quoteQualified(stream))})
AS
${insertNewFromLandingSql(spec.raw.name, stream)}`,
    },
    { name: 'resume_merge_task', sql: `ALTER TASK ${quoteQualified(task)} RESUME` },
  ];
}

function header(spec: PipelineSpec, withPipe: boolean): string[] {
  return [
    `eventflake: ${spec.name} pipeline, snowflake dialect, 10_load.sql`,
    'Generated by `npx tsx scripts/render-sql.ts` from the pipeline spec. Edit the spec, not this file:',
    'a unit test fails when the committed files and the renderer disagree.',
    '',
    'Bulk and historical loads (docs/load.md): files are validated line by line by the loader, PUT to',
    'the stage, COPY-ed into a landing table, then inserted into RAW only for EVENT_IDs RAW lacks, so a',
    'file loaded twice, or events that already came through Kafka, add nothing. IF NOT EXISTS throughout.',
    withPipe
      ? 'The pipe lands cloud-storage files in the same landing table; its task merges them into RAW.'
      : 'Snowpipe (AUTO_INGEST, external stage) is rendered by snowflakeLoadFile(spec, { pipe }).',
  ];
}
