import type { ColumnType } from '../../events/column-types.js';
import { DefaultDdlRenderer } from '../renderer/default-renderer.js';
import type { SqlFile, SqlStatement } from '../renderer/sql-file.js';
import type { ColumnNode } from '../spec/columns.js';
import { nameText } from '../spec/names.js';
import type { TimeUnit } from '../spec/operations.js';
import type { FileKind, PipelineSpec } from '../spec/pipeline.js';
import type { StreamNode } from '../spec/streams.js';
import type { TableNode } from '../spec/tables.js';
import { snowflakeGrantStatements } from './snowflake-grants.js';
import { snowflakeLoadFile } from './snowflake-load.js';
import { snowflakeTaskStatements } from './snowflake-tasks.js';

/**
 * Snowflake: the files a user applies by hand, from the warehouse to the task graph and grants.
 *
 * @example
 * const files = new SnowflakeDdlRenderer().render(wineShopSpec);
 */
export class SnowflakeDdlRenderer extends DefaultDdlRenderer {
  readonly dialect = 'snowflake' as const;

  /** The pipeline's files, then 10_load.sql (after 09_checks.sql, which the checks render). */
  override render(spec: PipelineSpec): SqlFile[] {
    return [...super.render(spec), snowflakeLoadFile(spec)];
  }

  /** UTC as TIMESTAMP_NTZ, like every timestamp we store; CURRENT_TIMESTAMP() follows the session's zone. */
  now(): string {
    return 'SYSDATE()';
  }

  today(): string {
    return 'CAST(SYSDATE() AS DATE)';
  }

  minus(expr: string, amount: number, unit: TimeUnit): string {
    return `DATEADD(${unit.toUpperCase()}, -${amount}, ${expr})`;
  }

  diff(unit: TimeUnit, from: string, to: string): string {
    return `DATEDIFF(${unit.toUpperCase()}, ${from}, ${to})`;
  }

  protected override logicalType(type: ColumnType): string {
    switch (type.kind) {
      case 'string':
        return 'VARCHAR';
      case 'integer':
        return 'NUMBER(38, 0)';
      case 'decimal':
        return `NUMBER(${type.precision}, ${type.scale})`;
      case 'float':
        return 'FLOAT';
      case 'boolean':
        return 'BOOLEAN';
      case 'timestamp':
        return 'TIMESTAMP_NTZ';
      case 'date':
        return 'DATE';
      case 'variant':
        return 'VARIANT';
    }
  }

  protected override escapeText(value: string): string {
    return value.replaceAll('\\', '\\\\').replaceAll("'", "''");
  }

  /** STRIP_NULL_VALUE turns a JSON null into SQL NULL before the text cast. */
  protected override jsonText(column: string, path: readonly string[]): string {
    return `STRIP_NULL_VALUE(${this.jsonValue(column, path)})::VARCHAR`;
  }

  protected override jsonValue(column: string, path: readonly string[]): string {
    return `GET_PATH(${column}, ${this.text(path.join('.'))})`;
  }

  protected override streamRelation(stream: StreamNode): string {
    return this.table(stream.name);
  }

  protected override sessionStatements(spec: PipelineSpec, kind: FileKind): SqlStatement[] {
    const statements: SqlStatement[] = [
      { name: 'use_database', sql: `USE DATABASE ${this.id(spec.database)}` },
    ];
    if (kind === 'monitoring' || kind === 'maintenance' || kind === 'queries') {
      statements.push({ name: 'use_warehouse', sql: `USE WAREHOUSE ${this.id(spec.warehouse.name)}` });
    }
    return statements;
  }

  protected override setupStatements(spec: PipelineSpec): SqlStatement[] {
    const wh = spec.warehouse;
    return [
      {
        name: 'create_warehouse',
        comment: `${wh.size} warehouse that suspends after ${wh.autoSuspendSeconds} idle seconds`,
        sql: `CREATE WAREHOUSE IF NOT EXISTS ${this.id(wh.name)} WITH
  WAREHOUSE_SIZE = ${this.text(wh.size)}
  AUTO_SUSPEND = ${wh.autoSuspendSeconds}
  AUTO_RESUME = ${wh.autoResume ? 'TRUE' : 'FALSE'}
  INITIALLY_SUSPENDED = TRUE`,
      },
      { name: 'create_database', sql: `CREATE DATABASE IF NOT EXISTS ${this.id(spec.database)}` },
      { name: 'use_database', sql: `USE DATABASE ${this.id(spec.database)}` },
      ...super.setupStatements(spec),
    ];
  }

  protected override tableOptions(table: TableNode): string {
    return table.description === undefined ? '' : `\nCOMMENT = ${this.text(table.description)}`;
  }

  protected override viewOptions(comment: string): string {
    return `\nCOMMENT = ${this.text(comment)}`;
  }

  protected override columnDefinition(column: ColumnNode): string {
    const comment = column.description === undefined ? '' : ` COMMENT ${this.text(column.description)}`;
    return `${super.columnDefinition(column)}${comment}`;
  }

  protected override streamStatements(spec: PipelineSpec): SqlStatement[] {
    return spec.streams.map((s) => ({
      name: `create_stream_${s.name.name.toLowerCase()}`,
      comment: `${s.mode === 'append_only' ? 'APPEND_ONLY' : 'STANDARD'} stream on ${nameText(s.on.name)}`,
      sql: `CREATE STREAM IF NOT EXISTS ${this.table(s.name)}
  ON TABLE ${this.table(s.on)}${s.mode === 'append_only' ? '\n  APPEND_ONLY = TRUE' : ''}${
    s.description === undefined ? '' : `\n  COMMENT = ${this.text(s.description)}`
  }`,
    }));
  }

  protected override taskStatements(spec: PipelineSpec): SqlStatement[] {
    return snowflakeTaskStatements(spec, this);
  }

  protected override grantStatements(spec: PipelineSpec): SqlStatement[] | undefined {
    return spec.grants === undefined ? undefined : snowflakeGrantStatements(spec, spec.grants, this);
  }

  protected override why(kind: FileKind): string[] {
    switch (kind) {
      case 'setup':
        return [
          'IF NOT EXISTS throughout: rerunning never drops a database that holds data, and never resizes a',
          'warehouse tuned by hand since (change it with ALTER WAREHOUSE).',
        ];
      case 'streams':
        return [
          'CREATE STREAM IF NOT EXISTS, never OR REPLACE: a replaced stream restarts at the current table',
          'version, so rows not yet consumed would be skipped. A stream cannot filter rows: the task reading',
          'it keeps its event type. Each stream has exactly one reader, because reading it in a committed',
          'statement advances it, which would hide the rows from a second reader.',
        ];
      case 'tasks':
        return [
          'CREATE OR REPLACE TASK: a task holds no data, and a rerun must install the current bodies.',
          'Snowflake refuses to change a graph whose root is started, so roots are suspended first. Tasks are',
          'created parents first and resumed children first, each root last: the order Snowflake requires.',
          'Roots run only when their stream has data (SYSTEM$STREAM_HAS_DATA), so an idle pipeline starts',
          'no warehouse.',
        ];
      case 'grants':
        return [
          'CREATE ROLE IF NOT EXISTS, and GRANT is idempotent. Run it as a role allowed to create roles.',
        ];
      default:
        return super.why(kind);
    }
  }
}
