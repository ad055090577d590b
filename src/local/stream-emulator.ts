import { pendingRelation } from '../ddl/duckdb/duckdb-renderer.js';
import { STREAM_ACTION_COLUMN } from '../ddl/renderer/transform-renderer.js';
import { nameText } from '../ddl/spec/names.js';
import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import type { StreamMode } from '../ddl/spec/streams.js';
import type { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import { quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';
import { LocalPipelineError } from './errors.js';
import { addRowSeqColumn, SQL_NAMES } from './local-schema.js';
import { identifierLiteral } from './transaction.js';

/** A spec stream as local mode keeps it. */
interface LocalStream {
  /** `SCHEMA.NAME`. */
  readonly name: string;
  readonly shortName: string;
  /** `SCHEMA.NAME` of the source table. */
  readonly tableName: string;
  /** Quoted source table. */
  readonly table: string;
  readonly mode: StreamMode;
  /** Quoted session temp view the task body reads. */
  readonly pending: string;
  /** Quoted session temp table holding the range of row numbers one consumption delivers. */
  readonly bounds: string;
  /** Names of the session variables holding that range, for the pending view. */
  readonly variablePrefix: string;
}

/** The stream's position; `stream` is a `?` placeholder or a literal. */
const offsetOf = (stream: string) =>
  `(SELECT o."LAST_ROW_SEQ" FROM ${SQL_NAMES.offsets} AS o WHERE o."STREAM_NAME" = ${stream})`;

/** The statements around a task body that consume its stream. */
export interface StreamConsumption {
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** Run after COMMIT: how many rows the stream delivered. */
  readonly delivered: string;
  /** Drops the pending relation once its size is read. */
  readonly release: string;
}

/**
 * Snowflake streams emulated over DuckDB: each stream's position is the highest hidden row number
 * (LOCAL_ROW_SEQ_COLUMN) it has delivered, stored in EVENTFLAKE_LOCAL.STREAM_OFFSETS, so positions live in
 * the database file and survive a reopen. Only inserts are seen: see docs/local.md.
 */
export class StreamEmulator {
  readonly #warehouse: DuckDbWarehouse;
  readonly #streams: readonly LocalStream[];

  constructor(warehouse: DuckDbWarehouse, spec: PipelineSpec) {
    this.#warehouse = warehouse;
    this.#streams = spec.streams.map((s) => ({
      name: nameText(s.name),
      shortName: s.name.name,
      tableName: nameText(s.on.name),
      table: quoteQualified(s.on.name),
      mode: s.mode,
      pending: pendingRelation(s),
      bounds: `temp.main.${quoteIdentifier(`${s.name.name}$BOUNDS`)}`,
      variablePrefix: `${s.name.name}$`,
    }));
  }

  /**
   * Numbers the rows of every stream's table and registers each new stream at the table's current
   * end, as CREATE STREAM does: a stream sees rows inserted after it was created. Known streams keep
   * their position.
   */
  async install(): Promise<void> {
    for (const table of new Set(this.#streams.map((s) => s.table))) {
      await this.#warehouse.execute(addRowSeqColumn(table));
    }
    for (const s of this.#streams) {
      await this.#warehouse.execute(
        `INSERT INTO ${SQL_NAMES.offsets} ("STREAM_NAME", "SOURCE_TABLE", "MODE", "LAST_ROW_SEQ", "UPDATED_AT")
SELECT ?, ?, ?, COALESCE(MAX(src.${SQL_NAMES.rowSeq}), 0), (now() AT TIME ZONE 'UTC')
FROM ${s.table} AS src
ON CONFLICT DO NOTHING`,
        [s.name, s.tableName, s.mode],
      );
    }
  }

  /** `SYSTEM$STREAM_HAS_DATA`: whether rows were inserted since the stream's position. */
  async hasData(name: string): Promise<boolean> {
    const s = this.#find(name);
    const [row] = await this.#warehouse.execute(
      `SELECT EXISTS (SELECT 1 FROM ${s.table} AS src WHERE src.${SQL_NAMES.rowSeq} > ${offsetOf('?')}) AS "HAS_DATA"`,
      [s.name],
    );
    return row?.HAS_DATA === true;
  }

  /**
   * What a task body needs around it, inside its transaction: before, fix the range of rows the
   * stream delivers and expose them as the pending relation; after, move the position past them.
   * Rolled back with the body, the stream stays unconsumed. The relation is a view over that range
   * rather than a copy: copying every new row (JSON included) cost as much as reading them, and the
   * body's own filters (EVENT_TYPE) then reach the table scan. The view reads the range from session
   * variables, which DuckDB turns into constants when it binds a query: the scan filters on them and
   * the planner knows how many rows come. Read from a subquery, the range hid both, and the MERGE
   * built its hash table on 700,000 new rows rather than on the (empty) target. The view's `rowid`
   * is the row's number, which the bodies use to tell rows apart.
   */
  consumption(name: string): StreamConsumption {
    const s = this.#find(name);
    const stream = identifierLiteral(s.name);
    const bound = (column: string) => `(SELECT b.${quoteIdentifier(column)} FROM ${s.bounds} AS b)`;
    const variable = (column: string) => quoteIdentifier(`${s.variablePrefix}${column}`);
    const value = (column: string) => `getvariable(${identifierLiteral(`${s.variablePrefix}${column}`)})`;
    return {
      before: [
        `CREATE OR REPLACE TEMP TABLE ${s.bounds} AS
SELECT ${offsetOf(stream)} AS "FROM_SEQ", MAX(src.${SQL_NAMES.rowSeq}) AS "TO_SEQ", COUNT(*) AS "ROWS"
FROM ${s.table} AS src
WHERE src.${SQL_NAMES.rowSeq} > ${offsetOf(stream)}`,
        `SET VARIABLE ${variable('FROM_SEQ')} = ${bound('FROM_SEQ')}`,
        `SET VARIABLE ${variable('TO_SEQ')} = ${bound('TO_SEQ')}`,
        `CREATE OR REPLACE TEMP VIEW ${s.pending} AS
SELECT src.*, src.${SQL_NAMES.rowSeq} AS rowid, 'INSERT' AS ${quoteIdentifier(STREAM_ACTION_COLUMN)},
  FALSE AS "METADATA$ISUPDATE"
FROM ${s.table} AS src
WHERE src.${SQL_NAMES.rowSeq} > ${value('FROM_SEQ')} AND src.${SQL_NAMES.rowSeq} <= ${value('TO_SEQ')}`,
      ],
      after: [
        `UPDATE ${SQL_NAMES.offsets}
SET "LAST_ROW_SEQ" = ${bound('TO_SEQ')}, "UPDATED_AT" = (now() AT TIME ZONE 'UTC')
WHERE "STREAM_NAME" = ${stream} AND ${bound('ROWS')} > 0`,
      ],
      // The range outlives COMMIT so its size can be read, then it is dropped with the view.
      delivered: `SELECT b."ROWS" AS "DELIVERED" FROM ${s.bounds} AS b`,
      release: [
        `DROP VIEW IF EXISTS ${s.pending}`,
        `DROP TABLE IF EXISTS ${s.bounds}`,
        `RESET VARIABLE ${variable('FROM_SEQ')}`,
        `RESET VARIABLE ${variable('TO_SEQ')}`,
      ].join(';\n'),
    };
  }

  /** Accepts `SCHEMA.NAME` or the bare name, which the spec keeps unique. */
  #find(name: string): LocalStream {
    const found = this.#streams.find((s) => s.name === name || s.shortName === name);
    if (found === undefined) {
      const known = this.#streams.map((s) => s.name).join(', ');
      throw new LocalPipelineError('ERR_LOCAL_UNKNOWN_STREAM', `no stream ${name} in the spec (${known})`);
    }
    return found;
  }
}
