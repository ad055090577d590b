import { type DagTask, render } from '../../../../src/ddl/render.js';
import type { SqlStatement } from '../../../../src/ddl/renderer/sql-file.js';
import { allTables, type PipelineSpec } from '../../../../src/ddl/spec/pipeline.js';
import { parseQualified, quoteIdentifier, quoteQualified } from '../../../../src/warehouse/identifier.js';
import type { RawEventRow } from '../../../../src/warehouse/raw-layout.js';
import { SnowflakeWarehouse } from '../../../../src/warehouse/snowflake/snowflake-warehouse.js';
import type { Row } from '../../../../src/warehouse/warehouse.js';

/**
 * Rendered Snowflake statements fakesnow 0.12.1 cannot run, by `file/statement`, and why. Everything
 * else in the files this harness runs is executed exactly as rendered, except for FAKESNOW_REWRITES.
 */
export const FAKESNOW_CANNOT_RUN: Readonly<Record<string, string>> = {
  '01_setup.sql/create_warehouse': 'no CREATE WAREHOUSE: parser error at WAREHOUSE',
  '03_streams.sql/*': 'no CREATE STREAM: parser error at STREAM; the harness emulates each stream as a table',
  '04_tasks.sql/*':
    'no CREATE/ALTER TASK: parser error at TASK; the harness runs each task body (pipelineDag) itself, in DAG order',
  '05_monitoring.sql/alert_failed_tasks':
    'no TABLE(INFORMATION_SCHEMA.TASK_HISTORY(...)): parser error at TABLE',
};

/** fakesnow 0.12.1 bugs worked around by editing the statement text in the harness, never the renderer. */
export const FAKESNOW_REWRITES: readonly { readonly why: string; readonly apply: (sql: string) => string }[] =
  [
    {
      // fakesnow copies a table comment into its information schema without re-escaping it, so
      // COMMENT = 'Les Caves d''Albert' ends in a DuckDB "unterminated string literal" (HTTP 500).
      why: "table COMMENT holding an escaped quote ('') is dropped: fakesnow re-inserts it unescaped",
      apply: (sql) => sql.replace(/\nCOMMENT = '(?:[^']|'')*''(?:[^']|'')*'$/, ''),
    },
    {
      // sqlglot turns STRIP_NULL_VALUE(v) into CASE WHEN JSON_TYPE(v) = 'NULL' THEN NULL ELSE v END, and
      // fakesnow then casts that JSON to VARCHAR keeping its quotes ('"Blanc"'); Snowflake gives 'Blanc'.
      // Without STRIP_NULL_VALUE fakesnow unquotes the string and still maps JSON null to NULL.
      why: 'STRIP_NULL_VALUE(GET_PATH(…))::VARCHAR becomes GET_PATH(…)::VARCHAR: fakesnow keeps JSON quotes otherwise',
      apply: (sql) => sql.replace(/STRIP_NULL_VALUE\((GET_PATH\([^()]*\))\)::VARCHAR/g, '$1::VARCHAR'),
    },
  ];

/** A rendered statement as the harness sends it to fakesnow. */
export function forFakesnow(sql: string): string {
  return FAKESNOW_REWRITES.reduce((text, rewrite) => rewrite.apply(text), sql);
}

/** Whether a statement is skipped, and why. */
export function cannotRun(file: string, statement: string): string | undefined {
  return FAKESNOW_CANNOT_RUN[`${file}/${statement}`] ?? FAKESNOW_CANNOT_RUN[`${file}/*`];
}

const HARNESS_SCHEMA = 'EVENTFLAKE_VERIFY';
const CONSUMED = `${quoteIdentifier(HARNESS_SCHEMA)}.${quoteIdentifier('CONSUMED')}`;
const INGESTION = `${quoteIdentifier(HARNESS_SCHEMA)}.${quoteIdentifier('INGESTION')}`;

/**
 * The Snowflake side of the comparison: the rendered files run on fakesnow, streams emulated as
 * tables holding the rows Snowflake's stream would hold, task bodies run verbatim in DAG order.
 */
export class FakesnowPipeline {
  readonly warehouse: SnowflakeWarehouse;
  readonly spec: PipelineSpec;
  readonly files: ReadonlyMap<string, readonly SqlStatement[]>;

  private constructor(warehouse: SnowflakeWarehouse, spec: PipelineSpec) {
    this.warehouse = warehouse;
    this.spec = spec;
    this.files = new Map(render(spec, { dialect: 'snowflake' }).map((f) => [f.name, f.statements]));
  }

  /** Connects with one pooled session (USE DATABASE is per session) and creates the pipeline's objects. */
  static async open(accessUrl: string, spec: PipelineSpec): Promise<FakesnowPipeline> {
    const warehouse = await SnowflakeWarehouse.connect(
      {
        account: 'eventflake',
        username: 'eventflake',
        password: 'emulator',
        accessUrl,
        database: spec.database,
        poolSize: 1,
        timeoutMs: 30_000,
      },
      { maxBindsPerStatement: 7_000 },
    );
    const pipeline = new FakesnowPipeline(warehouse, spec);
    try {
      await pipeline.runFile('01_setup.sql');
      await pipeline.#reset();
      await pipeline.runFile('02_tables.sql');
      return pipeline;
    } catch (error) {
      await warehouse.close();
      throw error;
    }
  }

  /** Runs every statement of a rendered file that fakesnow can run; returns each one's rows by name. */
  async runFile(file: string): Promise<Map<string, Row[]>> {
    const results = new Map<string, Row[]>();
    for (const statement of this.statements(file)) {
      if (cannotRun(file, statement.name) !== undefined) continue;
      try {
        results.set(statement.name, await this.warehouse.execute(forFakesnow(statement.sql)));
      } catch (error) {
        throw new Error(`${file}/${statement.name} failed on fakesnow`, { cause: error });
      }
    }
    return results;
  }

  statements(file: string): readonly SqlStatement[] {
    const statements = this.files.get(file);
    if (statements === undefined) throw new Error(`no rendered file ${file}`);
    return statements;
  }

  /**
   * Writes RAW rows through the adapter, then gives each the INGESTION_TIMESTAMP local mode gave it:
   * both warehouses stamp rows with their own clock, and the bodies carry it through to PRODUCTION.
   */
  async insertRaw(rows: readonly RawEventRow[], ingestion: ReadonlyMap<string, string>): Promise<number> {
    const raw = quoteQualified(this.spec.raw.name);
    const { inserted } = await this.warehouse.insertRawEvents(this.spec.raw.name, rows);
    await this.warehouse.execute(`DELETE FROM ${INGESTION}`);
    // One JSON bind: the harness stays on the adapter's single-row `execute`.
    const stamps = JSON.stringify([...ingestion].map(([id, at]) => ({ id, at })));
    await this.warehouse.execute(
      `INSERT INTO ${INGESTION} ("EVENT_ID", "AT")
SELECT f.value:id::VARCHAR, TO_TIMESTAMP_NTZ(f.value:at::VARCHAR) FROM TABLE(FLATTEN(INPUT => PARSE_JSON(?))) AS f`,
      [stamps],
    );
    await this.warehouse.execute(
      `UPDATE ${raw} SET "INGESTION_TIMESTAMP" = i."AT" FROM ${INGESTION} AS i WHERE ${raw}."EVENT_ID" = i."EVENT_ID"`,
    );
    return inserted;
  }

  /** One graph run: for each task in DAG order, fill its stream with what Snowflake's would hold, run the body, consume. */
  async runDag(dag: readonly DagTask[]): Promise<void> {
    for (const task of dag) {
      if (task.stream === null) continue;
      const stream = quoteQualified(parseQualified(task.stream.name));
      const table = quoteQualified(parseQualified(task.stream.table));
      // APPEND_ONLY and STANDARD streams both show inserted rows as METADATA$ACTION = 'INSERT',
      // METADATA$ISUPDATE = FALSE; nothing here updates or deletes a stream's table.
      await this.warehouse.execute(
        `CREATE OR REPLACE TABLE ${stream} AS
SELECT src.*, 'INSERT' AS "METADATA$ACTION", FALSE AS "METADATA$ISUPDATE", src."EVENT_ID" AS "METADATA$ROW_ID"
FROM ${table} AS src
WHERE NOT EXISTS (SELECT 1 FROM ${CONSUMED} AS c WHERE c."STREAM_NAME" = ? AND c."EVENT_ID" = src."EVENT_ID")`,
        [task.stream.name],
      );
      try {
        await this.warehouse.execute(forFakesnow(task.body.snowflake));
      } catch (error) {
        throw new Error(`body of ${task.name} failed on fakesnow`, { cause: error });
      }
      // The body committed, so Snowflake would move the stream past what it held.
      await this.warehouse.execute(
        `INSERT INTO ${CONSUMED} ("STREAM_NAME", "EVENT_ID") SELECT ?, s."EVENT_ID" FROM ${stream} AS s`,
        [task.stream.name],
      );
    }
  }

  async close(): Promise<void> {
    await this.warehouse.close();
  }

  /**
   * The emulator keeps its databases for its whole life and other test files use the same names:
   * start from empty tables. fakesnow has no DROP DATABASE.
   */
  async #reset(): Promise<void> {
    const names = [...allTables(this.spec).map((t) => t.name), ...this.spec.streams.map((s) => s.name)];
    for (const name of names) await this.warehouse.execute(`DROP TABLE IF EXISTS ${quoteQualified(name)}`);
    await this.warehouse.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(HARNESS_SCHEMA)}`);
    await this.warehouse.execute(
      `CREATE OR REPLACE TABLE ${CONSUMED} ("STREAM_NAME" VARCHAR, "EVENT_ID" VARCHAR)`,
    );
    await this.warehouse.execute(
      `CREATE OR REPLACE TABLE ${INGESTION} ("EVENT_ID" VARCHAR, "AT" TIMESTAMP_NTZ)`,
    );
  }
}
