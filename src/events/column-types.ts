import { EventDefinitionError } from './errors.js';

/**
 * The logical type of a warehouse column: a small closed set from which both the Snowflake and the
 * DuckDB DDL are rendered (e.g. `decimal(10,2)` → NUMBER(10,2) / DECIMAL(10,2), `timestamp` →
 * TIMESTAMP_NTZ / TIMESTAMP, `integer` → NUMBER(38,0) / BIGINT, `variant` → VARIANT / JSON).
 */
export type ColumnType =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'float' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'date' }
  | { readonly kind: 'variant' };

export type ColumnKind = ColumnType['kind'];
/** Every kind except `decimal`, which needs a precision and a scale: use {@link decimal}. */
export type SimpleColumnKind = Exclude<ColumnKind, 'decimal'>;
export type DecimalColumnType = Extract<ColumnType, { kind: 'decimal' }>;

const SIMPLE_KINDS: ReadonlySet<string> = new Set<SimpleColumnKind>([
  'string',
  'integer',
  'float',
  'boolean',
  'timestamp',
  'date',
  'variant',
]);
const MAX_PRECISION = 38;
const COLUMN_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;

/**
 * Whether a column name is upper snake case, starts with a letter and is at most 128 characters:
 * safe unquoted in Snowflake and DuckDB alike.
 *
 * @example
 * isColumnName('ORDER_ID'); // true
 * isColumnName('order id'); // false
 */
export function isColumnName(name: string): boolean {
  return COLUMN_NAME.test(name);
}

/**
 * A DECIMAL(precision, scale) column type; Snowflake's limits apply (precision 1..38, scale 0..precision).
 *
 * @example
 * field(z.number().min(0), { type: decimal(10, 2) }); // UNIT_PRICE NUMBER(10,2)
 */
export function decimal(precision: number, scale: number): DecimalColumnType {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw new EventDefinitionError(
      undefined,
      `decimal precision must be a whole number from 1 to 38, got ${precision}`,
    );
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw new EventDefinitionError(
      undefined,
      `decimal scale must be a whole number from 0 to ${precision}, got ${scale}`,
    );
  }
  return Object.freeze({ kind: 'decimal', precision, scale });
}

/**
 * Normalizes a column kind name or type object into a frozen {@link ColumnType}.
 *
 * @example
 * toColumnType('timestamp'); // { kind: 'timestamp' }
 */
export function toColumnType(input: SimpleColumnKind | ColumnType): ColumnType {
  if (typeof input === 'string') {
    if (!SIMPLE_KINDS.has(input))
      throw new EventDefinitionError(undefined, `unknown column type \`${input}\``);
    return Object.freeze({ kind: input });
  }
  if (input.kind === 'decimal') return decimal(input.precision, input.scale);
  return toColumnType(input.kind);
}

/**
 * A short label for a column type, for messages and docs.
 *
 * @example
 * describeColumnType(decimal(10, 2)); // 'decimal(10,2)'
 */
export function describeColumnType(type: ColumnType): string {
  return type.kind === 'decimal' ? `decimal(${type.precision},${type.scale})` : type.kind;
}
