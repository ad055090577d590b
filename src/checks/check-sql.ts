import { DuckDbDdlRenderer } from '../ddl/duckdb/duckdb-renderer.js';
import { SnowflakeDdlRenderer } from '../ddl/snowflake/snowflake-renderer.js';
import type { DialectName, SqlContext } from '../ddl/spec/queries.js';

/** The renderers' own JSON spellings, so a check reads EVENT_DATA exactly as the STAGING task does. */
class SnowflakeCheckSql extends SnowflakeDdlRenderer {
  fieldText(column: string, path: readonly string[]): string {
    return this.jsonText(column, path);
  }

  fieldValue(column: string, path: readonly string[]): string {
    return this.jsonValue(column, path);
  }
}

class DuckDbCheckSql extends DuckDbDdlRenderer {
  fieldText(column: string, path: readonly string[]): string {
    return this.jsonText(column, path);
  }

  fieldValue(column: string, path: readonly string[]): string {
    return this.jsonValue(column, path);
  }
}

type CheckSql = SnowflakeCheckSql | DuckDbCheckSql;
const contexts: Record<DialectName, CheckSql> = {
  snowflake: new SnowflakeCheckSql(),
  duckdb: new DuckDbCheckSql(),
};

/**
 * The SQL context of a dialect, to render a check's query (the DDL renderer itself).
 *
 * @example
 * node.sql(sqlContext('duckdb'));
 */
export function sqlContext(dialect: DialectName): SqlContext {
  return contexts[dialect];
}

/**
 * A field of a JSON/VARIANT column as text, NULL when absent or JSON null.
 *
 * @example
 * fieldText(q, 'r."EVENT_DATA"', ['unit_price']);
 */
export function fieldText(q: SqlContext, column: string, path: readonly string[]): string {
  return contexts[q.dialect].fieldText(column, path);
}

/** A field of a JSON/VARIANT column kept as JSON (for nested objects and arrays). */
export function fieldValue(q: SqlContext, column: string, path: readonly string[]): string {
  return contexts[q.dialect].fieldValue(column, path);
}
