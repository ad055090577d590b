import type { ColumnType } from '../../events/column-types.js';
import { type QualifiedName, quoteIdentifier, quoteQualified } from '../../warehouse/identifier.js';
import type { DdlType } from '../spec/columns.js';
import { DdlSpecError } from '../spec/errors.js';
import type { TimeUnit } from '../spec/operations.js';
import type { DialectName, SqlContext } from '../spec/queries.js';
import type { TableNode } from '../spec/tables.js';

/**
 * The expression layer of the renderer: quoting, literals, types and the few functions whose
 * spelling differs between Snowflake and DuckDB. Dialects override the protected hooks only.
 */
export abstract class SqlWriter implements SqlContext {
  abstract readonly dialect: DialectName;

  table(name: QualifiedName | TableNode): string {
    return quoteQualified('kind' in name ? name.name : name);
  }

  id(name: string): string {
    return quoteIdentifier(name);
  }

  /**
   * A string literal. Values reach SQL text only where no bind is possible (DDL comments, task
   * bodies, event types), and only after this escaping.
   */
  text(value: string): string {
    if (value.includes('\0')) throw new DdlSpecError('a SQL string literal cannot hold a NUL character');
    return `'${this.escapeText(value)}'`;
  }

  abstract now(): string;
  abstract today(): string;
  abstract minus(expr: string, amount: number, unit: TimeUnit): string;
  abstract diff(unit: TimeUnit, from: string, to: string): string;

  dayName(expr: string): string {
    return `DAYNAME(${expr})`;
  }

  hourOf(expr: string): string {
    return `HOUR(${expr})`;
  }

  /** The SQL type of a column. */
  protected typeName(type: DdlType): string {
    return type.kind === 'native' ? type[this.dialect] : this.logicalType(type);
  }

  protected abstract logicalType(type: ColumnType): string;

  /** Doubles quotes; Snowflake also reads backslash escapes, so it doubles those too. */
  protected escapeText(value: string): string {
    return value.replaceAll("'", "''");
  }

  /** A JSON field of a JSON/VARIANT column as trimmed-ready text, NULL when absent or JSON null. */
  protected abstract jsonText(column: string, path: readonly string[]): string;

  /** A JSON field kept as JSON/VARIANT. */
  protected abstract jsonValue(column: string, path: readonly string[]): string;

  /** A conversion that yields NULL instead of failing; both dialects spell it TRY_CAST. */
  protected tryCast(expr: string, type: DdlType): string {
    return `TRY_CAST(${expr} AS ${this.typeName(type)})`;
  }

  /**
   * A cleaned, typed value from text: blank strings become NULL, other types are trimmed and cast
   * without failing, so one bad field nulls a column instead of stopping the task.
   */
  protected cleaned(textExpr: string, type: DdlType): string {
    if (type.kind === 'string') return `NULLIF(${this.trimSpaces(textExpr)}, '')`;
    return this.tryCast(this.trimSpaces(textExpr), type);
  }

  /** Leading and trailing spaces removed: Snowflake's TRIM removes only the space character by default. */
  protected trimSpaces(expr: string): string {
    return `TRIM(${expr})`;
  }

  /** The date of a timestamp. */
  protected dateOf(expr: string): string {
    return `CAST(${expr} AS DATE)`;
  }

  /** A NULL of the given type (for UNION branches). */
  protected typedNull(type: DdlType): string {
    return `CAST(NULL AS ${this.typeName(type)})`;
  }
}
