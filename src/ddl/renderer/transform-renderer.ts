import { RAW_COLUMNS } from '../../warehouse/raw-layout.js';
import { HEALTH_COLUMNS } from '../spec/operations.js';
import type { StreamNode } from '../spec/streams.js';
import {
  type AppendNewNode,
  type Expr,
  type MergeLatestNode,
  type Projection,
  type SnapshotNode,
  type StageEventsNode,
  sourceOf,
  type TransformNode,
} from '../spec/transforms.js';
import { indent, wrapList } from './sql-file.js';
import { SqlWriter } from './sql-writer.js';

/**
 * The column a STANDARD stream adds to say what changed; task bodies keep only `INSERT` rows, and a
 * local-mode pending relation must carry it.
 *
 * @example
 * `SELECT src.*, 'INSERT' AS "${STREAM_ACTION_COLUMN}" FROM ...`;
 */
export const STREAM_ACTION_COLUMN = 'METADATA$ACTION';

/** How a staging body reads JSON fields: see `TransformRenderer.stagedJson`. */
export interface StagedJson {
  /** The relation read as `r`, given the stream's relation. */
  relation(stream: string): string;
  /** The text of the field at `path`, the `index`-th of the paths given (from 0). */
  text(path: readonly string[], index: number): string;
}

/** A staging body's rows before deduplication: see `TransformRenderer.cleanedRows`. */
export interface CleanedRows {
  /** `<expression> AS <column>` over the raw row `r`, one per staged column. */
  readonly projected: readonly string[];
  /** The raw rows, aliased `r`. */
  readonly from: string;
  /** Keeps the rows of the staged event type. */
  readonly where: string;
  /** The column, projected under its own name, whose highest value marks a raw EVENT_ID's latest row. */
  readonly latest: string;
}

/** How a body keeps only rows whose key is not yet in its target: see `TransformRenderer.absentFrom`. */
export interface AbsentRows {
  /** Appended to the FROM clause (e.g. an anti join), or empty. */
  readonly join: string;
  /** Added to the WHERE clause. */
  readonly where: readonly string[];
}

/** How `TransformRenderer.latestPerKey` picks a key's latest row: see `TransformRenderer.latestOrder`. */
export interface LatestOrder {
  readonly filters: readonly string[];
  readonly keys: readonly string[];
  /** Highest first; `nullable` when the source column may hold NULL (ranked below any value). */
  readonly order: readonly { readonly column: string; readonly nullable: boolean }[];
}

const TEXT_RAW_COLUMNS: ReadonlySet<string> = new Set(
  RAW_COLUMNS.filter((c) => c.duckdb === 'VARCHAR').map((c) => c.name),
);

/**
 * Renders the body of each transform: the one statement a Snowflake task runs, or that local mode
 * runs over a "pending rows" relation. Every body is idempotent and keeps one row per key, so a
 * MERGE never sees two source rows for one target row and a replayed batch changes nothing.
 */
export abstract class TransformRenderer extends SqlWriter {
  /** The statement that moves the rows of one transform. */
  transformBody(transform: TransformNode): string {
    switch (transform.kind) {
      case 'stage_events':
        return this.stageEventsBody(transform);
      case 'merge_latest':
        return this.mergeLatestBody(transform);
      case 'append_new':
        return this.appendNewBody(transform);
      case 'snapshot':
        return this.snapshotBody(transform);
    }
  }

  /** The relation a transform reads its new rows from: the stream itself, or local mode's stand-in. */
  protected abstract streamRelation(stream: StreamNode): string;

  protected stageEventsBody(node: StageEventsNode): string {
    const { staging, target } = node;
    const columns = [...staging.staged.map((s) => s.column.name), 'INGESTION_TIMESTAMP'];
    const jsonPaths = staging.staged.flatMap(({ column, source }) =>
      source.kind === 'json' && column.type.kind !== 'variant' ? [source.path] : [],
    );
    const json = this.stagedJson(jsonPaths);
    let field = 0;
    const projected = staging.staged.map(({ column, source }) => {
      const value =
        source.kind === 'json'
          ? column.type.kind === 'variant'
            ? this.jsonValue(`r.${this.id('EVENT_DATA')}`, source.path)
            : this.cleaned(json.text(source.path, field++), column.type)
          : TEXT_RAW_COLUMNS.has(source.column)
            ? this.cleaned(`r.${this.id(source.column)}`, column.type)
            : `r.${this.id(source.column)}`;
      return `${value} AS ${this.id(column.name)}`;
    });
    projected.push(`r.${this.id('INGESTION_TIMESTAMP')} AS ${this.id('INGESTION_TIMESTAMP')}`);
    const required = staging.staged
      .filter((s) => !s.column.nullable)
      .map((s) => `c.${this.id(s.column.name)} IS NOT NULL`);
    const cleaned = this.cleanedRows({
      projected,
      from: `${json.relation(this.streamRelation(node.source))} AS r`,
      where: `r.${this.id('EVENT_TYPE')} = ${this.text(staging.eventType)}`,
      latest: 'INGESTION_TIMESTAMP',
    });
    const absent = this.absentFrom(this.table(target), 'c', ['EVENT_ID']);
    const filters = [...cleaned.where, ...required, ...absent.where];
    return `INSERT INTO ${this.table(target)} (${this.names(columns)})
${cleaned.before}SELECT ${wrapList(columns.map((c) => `c.${this.id(c)}`))}
FROM ${cleaned.from}${absent.join}
WHERE ${filters.join('\n  AND ')}`;
  }

  /**
   * Keeps the rows of `alias` whose `keys` are not yet in `target` (aliased `t`): by default a
   * NOT EXISTS filter, so `join` (appended to the FROM clause) is empty.
   */
  protected absentFrom(target: string, alias: string, keys: readonly string[]): AbsentRows {
    return {
      join: '',
      where: [`NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${this.keysMatch(alias, keys)})`],
    };
  }

  /** The target row (aliased `t`) with the same `keys` as the row aliased `alias`. */
  protected keysMatch(alias: string, keys: readonly string[]): string {
    return keys.map((k) => `t.${this.id(k)} = ${alias}.${this.id(k)}`).join(' AND ');
  }

  /**
   * How a staging body reads the text of the JSON fields it stages (`paths`, in projection order):
   * by default each field is extracted from `r.EVENT_DATA` on its own and the stream is read as is.
   */
  protected stagedJson(_paths: readonly (readonly string[])[]): StagedJson {
    return {
      relation: (stream) => stream,
      text: (path) => this.jsonText(`r.${this.id('EVENT_DATA')}`, path),
    };
  }

  /**
   * Where a staging body reads its cleaned rows as `c`, one per raw EVENT_ID (the latest ingested),
   * and the filters that keep only those: by default a derived table deduplicated with QUALIFY, so
   * `before` and `where` are empty.
   */
  protected cleanedRows(rows: CleanedRows): { before: string; from: string; where: string[] } {
    const select = `  SELECT
${indent(rows.projected.join(',\n'), 4)}
  FROM ${rows.from}
  WHERE ${rows.where}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY r.${this.id('EVENT_ID')} ORDER BY r.${this.id(rows.latest)} DESC) = 1`;
    return { before: '', from: `(\n${select}\n) AS c`, where: [] };
  }

  protected mergeLatestBody(node: MergeLatestNode): string {
    const names = node.projections.map((p) => p.column.name);
    const updated = names.filter((n) => !node.key.includes(n) && !node.insertOnly.includes(n));
    const version = this.id(node.version);
    return `MERGE INTO ${this.table(node.target)} AS t
USING (
${indent(this.latestPerKey(node), 2)}
) AS s
ON ${this.keysMatch('s', node.key)}
WHEN MATCHED AND s.${version} > t.${version} THEN UPDATE SET
${indent(updated.map((n) => `${this.id(n)} = s.${this.id(n)}`).join(',\n'), 2)}
WHEN NOT MATCHED THEN INSERT (${this.names(names)})
VALUES (${wrapList(names.map((n) => `s.${this.id(n)}`))})`;
  }

  protected appendNewBody(node: AppendNewNode): string {
    const names = node.projections.map((p) => p.column.name);
    const absent = this.absentFrom(this.table(node.target), 's', node.key);
    const where = absent.where.length === 0 ? '' : `\nWHERE ${absent.where.join('\n  AND ')}`;
    return `INSERT INTO ${this.table(node.target)} (${this.names(names)})
SELECT ${wrapList(names.map((n) => `s.${this.id(n)}`))}
FROM (
${indent(this.latestPerKey(node), 2)}
) AS s${absent.join}${where}`;
  }

  protected snapshotBody(node: SnapshotNode): string {
    const names = HEALTH_COLUMNS.map((c) => c.name);
    return `INSERT INTO ${this.table(node.target)} (${this.names(['CAPTURED_AT', ...names])})
SELECT ${[this.now(), ...names.map((n) => `h.${this.id(n)}`)].join(', ')}
FROM ${this.table(node.view)} AS h`;
  }

  /**
   * The new rows of a stream projected onto the target, one per key: the latest version, ties broken
   * by EVENT_ID so the choice is the same on every run.
   */
  protected latestPerKey(node: MergeLatestNode | AppendNewNode): string {
    const latest = this.latestOrder(node, 'c');
    // NULLS LAST spelled out: Snowflake's default puts NULLs first in a DESC sort, so a row without a
    // version would win over every versioned one; local mode (DuckDB) ranks it below any version.
    return `SELECT
${indent(node.projections.map((p) => this.projection(p)).join(',\n'), 2)}
FROM ${this.streamRelation(node.source)} AS c
WHERE ${latest.filters.join('\n  AND ')}
QUALIFY ROW_NUMBER() OVER (PARTITION BY ${latest.keys.join(', ')} ORDER BY ${latest.order.map((o) => `${o.column} DESC NULLS LAST`).join(', ')}) = 1`;
  }

  /**
   * What `latestPerKey` ranks the stream's rows (aliased `alias`) by: the rows it keeps, the source
   * columns of the key, and the columns whose highest values mark the latest row, first to last.
   */
  protected latestOrder(node: MergeLatestNode | AppendNewNode, alias: string): LatestOrder {
    const sourceName = (target: string) => sourceOf(node.projections, target) ?? target;
    const sourceColumn = (name: string) => `${alias}.${this.id(name)}`;
    const filters = node.key.map((k) => `${sourceColumn(sourceName(k))} IS NOT NULL`);
    if (node.source.mode === 'standard')
      filters.unshift(`${alias}.${this.id(STREAM_ACTION_COLUMN)} = 'INSERT'`);
    const names = [sourceName(node.version)];
    if (node.source.on.columns.some((c) => c.name === 'EVENT_ID')) names.push('EVENT_ID');
    const order = names.map((name) => ({
      column: sourceColumn(name),
      nullable: node.source.on.columns.find((c) => c.name === name)?.nullable ?? true,
    }));
    return { filters, keys: node.key.map((k) => sourceColumn(sourceName(k))), order };
  }

  protected projection(p: Projection): string {
    return `${this.expr(p.expr, 'c')} AS ${this.id(p.column.name)}`;
  }

  protected expr(e: Expr, alias: string): string {
    switch (e.kind) {
      case 'ref':
        return `${alias}.${this.id(e.column)}`;
      case 'date_of':
        return this.dateOf(`${alias}.${this.id(e.column)}`);
      case 'now':
        return this.now();
    }
  }

  protected names(columns: readonly string[]): string {
    return wrapList(columns.map((c) => this.id(c)));
  }
}
