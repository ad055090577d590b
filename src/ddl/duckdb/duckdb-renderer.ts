import type { ColumnType } from '../../events/column-types.js';
import { quoteIdentifier } from '../../warehouse/identifier.js';
import { DefaultDdlRenderer } from '../renderer/default-renderer.js';
import { indent, type SqlStatement, wrapList } from '../renderer/sql-file.js';
import {
  type AbsentRows,
  type CleanedRows,
  STREAM_ACTION_COLUMN,
  type StagedJson,
} from '../renderer/transform-renderer.js';
import { parentOf } from '../spec/dag.js';
import { nameText } from '../spec/names.js';
import type { TimeUnit } from '../spec/operations.js';
import type { FileKind, PipelineSpec } from '../spec/pipeline.js';
import type { StreamNode } from '../spec/streams.js';
import type { AppendNewNode, MergeLatestNode } from '../spec/transforms.js';

/**
 * Where local mode puts the rows a stream would deliver before running a transform body: a session
 * temp relation (table or view) named like the stream, with the stream's table columns plus
 * METADATA$ACTION ('INSERT'), and a `rowid` telling its rows apart (a table's own; a view's column).
 *
 * @example
 * pendingRelation(streamRawOrders); // 'temp.main."STREAM_RAW_ORDERS"'
 */
export function pendingRelation(stream: StreamNode): string {
  return `temp.main.${quoteIdentifier(stream.name.name)}`;
}

/** The list of a staging body's JSON field texts, read from each row's EVENT_DATA in one parse. */
const JSON_FIELDS_COLUMN = 'EVENTFLAKE$JSON_FIELDS';
/** A staging body's raw (uncleaned) EVENT_ID, which its deduplication partitions by. */
const DEDUP_KEY_COLUMN = 'EVENTFLAKE$RAW_EVENT_ID';
/** The rank of a row among those of its raw EVENT_ID, latest ingested first. */
const DEDUP_RANK_COLUMN = 'EVENTFLAKE$RANK';
/** The rowid of a key's latest row in a stream's pending relation. */
const LATEST_ROW_COLUMN = 'EVENTFLAKE$LATEST_ROWID';

/**
 * DuckDB, for local mode: the same tables and transform bodies, without warehouse, streams, tasks or
 * roles, which DuckDB does not have. Each body reads its stream's pending relation instead.
 *
 * @example
 * for (const file of new DuckDbDdlRenderer().render(spec)) console.log(file.name);
 */
export class DuckDbDdlRenderer extends DefaultDdlRenderer {
  readonly dialect = 'duckdb' as const;

  now(): string {
    return "(now() AT TIME ZONE 'UTC')";
  }

  today(): string {
    return "CAST(now() AT TIME ZONE 'UTC' AS DATE)";
  }

  minus(expr: string, amount: number, unit: TimeUnit): string {
    return `(${expr} - INTERVAL ${amount} ${unit.toUpperCase()})`;
  }

  diff(unit: TimeUnit, from: string, to: string): string {
    return `DATE_DIFF(${this.text(unit)}, ${from}, ${to})`;
  }

  /**
   * DuckDB's one-argument TRIM also strips U+00A0 and the other Unicode spaces; Snowflake's only ' ',
   * which `TRIM(x, ' ')` does, but codepoint by codepoint: it cost a third of a staging body. Values
   * seldom start or end with a space, so TRIM runs only on those that do (the others are unchanged).
   */
  protected override trimSpaces(expr: string): string {
    return `CASE WHEN starts_with(${expr}, ' ') OR ends_with(${expr}, ' ') THEN TRIM(${expr}, ' ') ELSE ${expr} END`;
  }

  /** Snowflake's DAYNAME gives `Fri`; DuckDB's gives `Friday`, so the abbreviation comes from strftime. */
  override dayName(expr: string): string {
    return `strftime(${expr}, '%a')`;
  }

  protected override logicalType(type: ColumnType): string {
    switch (type.kind) {
      case 'string':
        return 'VARCHAR';
      case 'integer':
        return 'BIGINT';
      case 'decimal':
        return `DECIMAL(${type.precision}, ${type.scale})`;
      case 'float':
        return 'DOUBLE';
      case 'boolean':
        return 'BOOLEAN';
      case 'timestamp':
        return 'TIMESTAMP';
      case 'date':
        return 'DATE';
      case 'variant':
        return 'JSON';
    }
  }

  /** `->>` yields text, and NULL for a missing key or a JSON null. */
  protected override jsonText(column: string, path: readonly string[]): string {
    return `(${column} ->> ${this.text(`$.${path.join('.')}`)})`;
  }

  /**
   * One `json_extract_string` over the list of paths parses EVENT_DATA once per row; one `->>` per
   * field parses it once per field (the same texts: `->>` is json_extract_string).
   */
  protected override stagedJson(paths: readonly (readonly string[])[]): StagedJson {
    if (paths.length === 0) return super.stagedJson(paths);
    const list = wrapList(
      paths.map((path) => this.text(`$.${path.join('.')}`)),
      90,
      '      ',
    );
    const fields = this.id(JSON_FIELDS_COLUMN);
    return {
      relation: (stream) => `(
    SELECT *, json_extract_string(${this.id('EVENT_DATA')}, [${list}]) AS ${fields}
    FROM ${stream}
  )`,
      text: (_path, index) => `r.${fields}[${index + 1}]`,
    };
  }

  /**
   * The cleaned fields are computed below the window that keeps the latest row per raw EVENT_ID, and
   * the row number is filtered above it with the `IS NOT NULL` checks: DuckDB cannot push those
   * filters under a window (they do not test its partition), so it computes each cleaned field once.
   * With QUALIFY on the cleaning query it would compute them for the filter and again for the insert.
   */
  protected override cleanedRows(rows: CleanedRows): { before: string; from: string; where: string[] } {
    const key = this.id(DEDUP_KEY_COLUMN);
    const rank = this.id(DEDUP_RANK_COLUMN);
    return {
      before: '',
      from: `(
  SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.${key} ORDER BY c.${this.id(rows.latest)} DESC) AS ${rank}
  FROM (
    SELECT
${indent([`r.${this.id('EVENT_ID')} AS ${key}`, ...rows.projected].join(',\n'), 6)}
    FROM ${indent(rows.from, 2).trimStart()}
    WHERE ${rows.where}
  ) AS c
) AS c`,
      where: [`c.${rank} = 1`],
    };
  }

  /**
   * An anti join: DuckDB plans NOT EXISTS as a delim join, which first copies every new row and
   * its distinct keys, and that cost an eighth of a 700,000-row staging body.
   */
  protected override absentFrom(target: string, alias: string, keys: readonly string[]): AbsentRows {
    return { join: `\nANTI JOIN ${target} AS t ON ${this.keysMatch(alias, keys)}`, where: [] };
  }

  /**
   * A key's latest row found by a grouped arg_max over the row's rowid, then kept by a semi join on
   * it: a window would sort every new row with all its columns, and that cost a third of a
   * STAGING → PRODUCTION body. Same choice as DuckDB's window: highest version, then EVENT_ID; a
   * NULL ranks below any value (DuckDB sorts NULLs last, DESC too), hence the `IS NOT NULL` before a
   * nullable column, as a struct ranks NULL fields above values.
   */
  protected override latestPerKey(node: MergeLatestNode | AppendNewNode): string {
    const { filters, keys, order } = this.latestOrder(node, 'l');
    const by = order.flatMap((o) => (o.nullable ? [`${o.column} IS NOT NULL`, o.column] : [o.column]));
    const relation = this.streamRelation(node.source);
    const latest = this.id(LATEST_ROW_COLUMN);
    return `SELECT
${indent(node.projections.map((p) => this.projection(p)).join(',\n'), 2)}
FROM ${relation} AS c
SEMI JOIN (
  SELECT arg_max(l.rowid, ${by.length === 1 ? by.join('') : `(${by.join(', ')})`}) AS ${latest}
  FROM ${relation} AS l
  WHERE ${filters.join('\n    AND ')}
  GROUP BY ${keys.join(', ')}
) AS l ON c.rowid = l.${latest}`;
  }

  protected override jsonValue(column: string, path: readonly string[]): string {
    return `(${column} -> ${this.text(`$.${path.join('.')}`)})`;
  }

  protected override streamRelation(stream: StreamNode): string {
    return pendingRelation(stream);
  }

  protected override fileTopic(kind: FileKind): string {
    return kind === 'tasks' ? 'transforms' : kind;
  }

  /** The transform bodies in DAG order (parents first), as local mode runs them. */
  protected override taskStatements(spec: PipelineSpec): SqlStatement[] {
    return spec.tasks.map((task) => {
      const { transform } = task;
      const parent = parentOf(task);
      const reads =
        transform.kind === 'snapshot' ? nameText(transform.view) : pendingRelation(transform.source);
      const after = parent === undefined ? '' : `, after ${parent.name.name}`;
      return {
        name: `transform_${task.name.name.toLowerCase()}`,
        comment: `${task.name.name}: ${reads} -> ${nameText(transform.target.name)}${after}`,
        sql: this.transformBody(transform),
      };
    });
  }

  protected override why(kind: FileKind): string[] {
    switch (kind) {
      case 'setup':
        return ['DuckDB has no warehouse, database or role objects: the database is the file.'];
      case 'tasks':
        return [
          'DuckDB has no streams or tasks. Local mode runs these bodies in this order (parents first), each',
          `over a pending relation temp.main."<STREAM NAME>": the rows the Snowflake stream would deliver,`,
          `with the columns of the stream's table plus ${STREAM_ACTION_COLUMN} ('INSERT'), and a rowid that`,
          "tells its rows apart (a temp table's own; local mode's view carries its source row's number).",
          'The DAG is also available as data, pipelineDag(spec), so a runner never parses this file.',
        ];
      default:
        return super.why(kind);
    }
  }
}
