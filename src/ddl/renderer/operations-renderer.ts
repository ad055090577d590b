import type { ArchiveNode, RetentionNode } from '../spec/operations.js';
import { HEALTH_COLUMNS } from '../spec/operations.js';
import { allTables, type PipelineSpec } from '../spec/pipeline.js';
import type { QueryNode } from '../spec/queries.js';
import type { TableNode } from '../spec/tables.js';
import { type SqlStatement, wrapList } from './sql-file.js';
import { TransformRenderer } from './transform-renderer.js';

/** Monitoring, maintenance and query statements: portable SQL, spelled through the dialect hooks. */
export abstract class OperationsRenderer extends TransformRenderer {
  /**
   * MONITORING.PIPELINE_HEALTH: row count and last activity of every layer's tables, with seed 000's
   * column names so its dashboards run unchanged.
   */
  protected healthView(spec: PipelineSpec): SqlStatement {
    const [tableName, rowCount, lastIngestion, layer] = HEALTH_COLUMNS.map((c) => this.id(c.name));
    const watched = allTables(spec).filter(
      (t) => t.layer !== 'monitoring' && !spec.archives.some((a) => a.archive === t),
    );
    const branches = watched.map((t) => {
      const last =
        t.freshnessColumn === undefined
          ? this.typedNull({ kind: 'timestamp' })
          : `MAX(${this.id(t.freshnessColumn)})`;
      return `SELECT ${this.text(t.name.name)} AS ${tableName}, COUNT(*) AS ${rowCount}, ${last} AS ${lastIngestion}, ${this.text(t.layer.toUpperCase())} AS ${layer}
FROM ${this.table(t)}`;
    });
    const comment = 'Row counts and last activity per table, RAW to PRODUCTION';
    return {
      name: 'create_view_pipeline_health',
      comment,
      sql: `CREATE OR REPLACE VIEW ${this.table(spec.healthView)}${this.viewOptions(comment)} AS\n${branches.join('\nUNION ALL\n')}`,
    };
  }

  /** Clauses between a view's name and AS (Snowflake's COMMENT). */
  protected viewOptions(_comment: string): string {
    return '';
  }

  protected retentionStatement(rule: RetentionNode): SqlStatement {
    return {
      name: `retention_${rule.table.name.name.toLowerCase()}`,
      comment: `Keep ${rule.keep.amount} ${rule.keep.unit}(s) of ${rule.table.name.schema}.${rule.table.name.name}`,
      sql: `DELETE FROM ${this.table(rule.table)}\nWHERE ${this.id(rule.column)} < ${this.cutoff(rule.table, rule.column, rule.keep)}`,
    };
  }

  /**
   * Copies old rows to the archive, then deletes only rows the archive holds (matched on the key),
   * in one transaction: a rerun after a failure neither loses nor duplicates a row.
   */
  protected archiveStatements(rule: ArchiveNode): SqlStatement[] {
    const { source, archive } = rule;
    const base = `archive_${source.name.name.toLowerCase()}`;
    const names = wrapList(source.columns.map((c) => this.id(c.name)));
    const old = `${this.id(rule.column)} < ${this.cutoff(source, rule.column, rule.keep)}`;
    const inArchive = (outer: string) =>
      `EXISTS (SELECT 1 FROM ${this.table(archive)} AS a WHERE ${rule.key.map((k) => `a.${this.id(k)} = ${outer}.${this.id(k)}`).join(' AND ')})`;
    return [
      {
        name: `${base}_begin`,
        comment: `Move ${source.name.name} rows older than ${rule.keep.amount} ${rule.keep.unit}(s)`,
        sql: 'BEGIN TRANSACTION',
      },
      {
        name: `${base}_copy`,
        sql: `INSERT INTO ${this.table(archive)} (${names})\nSELECT ${names}\nFROM ${this.table(source)} AS s\nWHERE s.${old}\n  AND NOT ${inArchive('s')}`,
      },
      {
        name: `${base}_delete`,
        sql: `DELETE FROM ${this.table(source)}\nWHERE ${old}\n  AND ${inArchive(this.table(source))}`,
      },
      { name: `${base}_commit`, sql: 'COMMIT' },
    ];
  }

  protected queryStatement(node: QueryNode): SqlStatement {
    return { name: node.name, comment: node.title, sql: node.sql(this) };
  }

  /** The oldest value kept: compared with today's date for DATE columns, with now otherwise. */
  private cutoff(table: TableNode, column: string, keep: RetentionNode['keep']): string {
    const type = table.columns.find((c) => c.name === column)?.type.kind;
    return this.minus(type === 'date' ? this.today() : this.now(), keep.amount, keep.unit);
  }
}
