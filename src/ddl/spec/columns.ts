import { type ColumnType, type SimpleColumnKind, toColumnType } from '../../events/column-types.js';
import { DdlSpecError } from './errors.js';
import { identifier } from './names.js';

/** A type spelled per dialect, for the shared RAW layout whose types are fixed (e.g. VARCHAR(36)). */
export interface NativeType {
  readonly kind: 'native';
  readonly snowflake: string;
  readonly duckdb: string;
}

/** A column's type: one of the logical types the event schemas use, or a native spelling. */
export type DdlType = ColumnType | NativeType;

/** One column of a table. */
export interface ColumnNode {
  readonly kind: 'column';
  readonly name: string;
  readonly type: DdlType;
  readonly nullable: boolean;
  readonly description?: string;
}

export interface ColumnOptions {
  /** @default true */
  readonly nullable?: boolean;
  readonly description?: string;
}

/** Native spellings are pasted into DDL, so they are held to a type-name shape: `NAME` or `NAME(n[, m])`. */
const NATIVE_TYPE = /^[A-Z][A-Z_]*(\(\d{1,3}(, ?\d{1,3})?\))?$/;

/**
 * A column node; the name is validated as an identifier.
 *
 * @example
 * column('UPDATED_AT', 'timestamp', { nullable: false });
 */
export function column(
  name: string,
  type: SimpleColumnKind | DdlType,
  options: ColumnOptions = {},
): ColumnNode {
  const node: ColumnNode = {
    kind: 'column',
    name: identifier(name),
    type: typeof type === 'string' || type.kind !== 'native' ? toColumnType(type) : checkNative(type),
    nullable: options.nullable ?? true,
  };
  return Object.freeze(
    options.description === undefined ? node : { ...node, description: options.description },
  );
}

/**
 * A native type for both dialects.
 *
 * @example
 * nativeType('VARCHAR(36)', 'VARCHAR');
 */
export function nativeType(snowflake: string, duckdb: string): NativeType {
  return checkNative({ kind: 'native', snowflake, duckdb });
}

/** The column of `columns` named `name`, or a DdlSpecError naming `where` it was looked for. */
export function findColumn(columns: readonly ColumnNode[], name: string, where: string): ColumnNode {
  const found = columns.find((c) => c.name === name);
  if (found === undefined) {
    throw new DdlSpecError(`${where} has no column ${name}; it has ${columns.map((c) => c.name).join(', ')}`);
  }
  return found;
}

/** Throws when two columns share a name. */
export function assertUniqueColumns(columns: readonly ColumnNode[], where: string): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new DdlSpecError(`${where} declares column ${c.name} twice`);
    seen.add(c.name);
  }
}

function checkNative(type: NativeType): NativeType {
  if (!(NATIVE_TYPE.test(type.snowflake) && NATIVE_TYPE.test(type.duckdb))) {
    throw new DdlSpecError(`native type ${type.snowflake} / ${type.duckdb} is not a plain type name`);
  }
  return Object.freeze({ ...type });
}
