import { z } from 'zod';
import { type ColumnType, isColumnName, type SimpleColumnKind, toColumnType } from './column-types.js';
import { decimalMisfit } from './decimal.js';
import { EventDefinitionError } from './errors.js';

/** What `field()` declares about the STAGING column of one event_data field. */
export interface ColumnOptions {
  /** Logical column type, e.g. `'string'`, `'timestamp'` or `decimal(10, 2)`. */
  readonly type: SimpleColumnKind | ColumnType;
  /** Column name; defaults to the field's path in upper snake case (`order_id` → ORDER_ID). */
  readonly name?: string;
  /** Part of the business key the PRODUCTION MERGE matches on (e.g. ORDER_ID). @default false */
  readonly key?: boolean;
  readonly description?: string;
}

/** @internal The declaration stored in the column registry; read with {@link declarationOf}. */
export type ColumnDeclaration =
  | {
      readonly staged: true;
      readonly type: ColumnType;
      readonly name: string | undefined;
      readonly key: boolean;
      readonly description: string | undefined;
    }
  | { readonly staged: false };

/**
 * A registry of our own rather than `.meta()`: column facts are for the DDL renderer, and keeping them
 * out of zod's global registry keeps them out of every JSON Schema export.
 */
const declarations = z.registry<ColumnDeclaration>();

/** The zod base types that can fill a column of each kind. */
const COMPATIBLE: Record<SimpleColumnKind | 'decimal', ReadonlySet<string> | 'any'> = {
  string: new Set(['string', 'template_literal']),
  integer: new Set(['number']),
  decimal: new Set(['number']),
  float: new Set(['number']),
  boolean: new Set(['boolean']),
  timestamp: new Set(['string', 'date']),
  date: new Set(['string', 'date']),
  variant: 'any',
};
/** Base types whose incompatibility is certain; unions, pipes, enums, custom types are not judged. */
const JUDGED = new Set([
  'string',
  'template_literal',
  'number',
  'boolean',
  'date',
  'bigint',
  'object',
  'array',
]);

/**
 * Declares the STAGING column of an event_data field and returns a copy of the schema carrying it.
 * Numeric columns also get the check that the value fits the column (safe integer; at most `scale`
 * decimals and `precision` digits), so Snowflake never rounds or rejects what validation accepted.
 *
 * @example
 * const data = z.strictObject({
 *   order_id: field(z.string().regex(/^ORD-\d{8}-\d{6}$/), { type: 'string', key: true }),
 *   unit_price: field(z.number().min(0), { type: decimal(10, 2) }),
 * });
 */
export function field<T extends z.ZodType>(schema: T, options: ColumnOptions): T {
  const type = toColumnType(options.type);
  if (options.name !== undefined && !isColumnName(options.name)) {
    throw new EventDefinitionError(
      undefined,
      `column name \`${options.name}\` must be upper snake case (A-Z, 0-9, _), start with a letter, at most 128 characters`,
    );
  }
  assertCompatible(schema, type);
  const declared = withFitCheck(schema, type);
  declarations.add(declared, {
    staged: true,
    type,
    name: options.name,
    key: options.key ?? false,
    description: options.description,
  });
  return declared;
}

/**
 * Marks an event_data field that gets no STAGING column: it stays only in the EVENT_DATA variant
 * (e.g. a copy of an envelope field such as customer_id).
 *
 * @example
 * z.strictObject({ customer_id: dataOnly(z.string()) });
 */
export function dataOnly<T extends z.ZodType>(schema: T): T {
  const copy = schema.clone();
  declarations.add(copy, { staged: false });
  return copy;
}

/**
 * The column declaration of a schema as placed in an object shape, looking through `.optional()`,
 * `.nullable()`, `.default()` and similar wrappers applied after `field()`.
 */
export function declarationOf(schema: z.core.$ZodType): ColumnDeclaration | undefined {
  for (let current: z.core.$ZodType | undefined = schema; current !== undefined; current = innerOf(current)) {
    const found = declarations.get(current);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The schema with wrappers (optional, nullable, default, readonly, catch…) removed. */
export function baseOf(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let inner = innerOf(current); inner !== undefined; inner = innerOf(current)) current = inner;
  return current;
}

function innerOf(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  const def: object = schema._zod.def;
  return 'innerType' in def && def.innerType instanceof z.core.$ZodType ? def.innerType : undefined;
}

function assertCompatible(schema: z.ZodType, type: ColumnType): void {
  const accepted = COMPATIBLE[type.kind];
  const base = baseOf(schema)._zod.def.type;
  if (accepted === 'any' || !JUDGED.has(base) || accepted.has(base)) return;
  throw new EventDefinitionError(undefined, `a ${base} schema cannot fill a column of type ${type.kind}`);
}

/** @internal What one of field()'s fit refinements checks, for the file loader's SQL compiler. */
export type FitCheck =
  | { readonly code: 'not_integer' }
  | {
      readonly code: 'too_many_decimals' | 'decimal_overflow';
      readonly precision: number;
      readonly scale: number;
    };

/**
 * Keyed by the refinement function itself: a field declared twice carries two pairs of decimal checks,
 * and each must be compiled with its own precision and scale, not the outermost declaration's.
 */
const fitChecks = new WeakMap<object, FitCheck>();

/**
 * @internal The fit refinement `fn` is, or `undefined` for any other function.
 *
 * @example
 * fitCheckOf(check._zod.def.fn); // => { code: 'decimal_overflow', precision: 10, scale: 2 }
 */
export function fitCheckOf(fn: unknown): FitCheck | undefined {
  return typeof fn === 'function' ? fitChecks.get(fn) : undefined;
}

function fitRefinement(fit: FitCheck, test: (value: number) => boolean): (value: unknown) => boolean {
  const fn = (value: unknown) => typeof value !== 'number' || test(value);
  fitChecks.set(fn, fit);
  return fn;
}

function withFitCheck<T extends z.ZodType>(schema: T, type: ColumnType): T {
  if (type.kind === 'integer') {
    return schema.refine(
      fitRefinement({ code: 'not_integer' }, (value) => Number.isSafeInteger(value)),
      { message: 'Expected a whole number (integer column)', params: { code: 'not_integer' }, abort: true },
    );
  }
  if (type.kind !== 'decimal') return schema.clone();
  const { precision, scale } = type;
  const label = `decimal(${precision},${scale}) column`;
  // Two plain refinements rather than one superRefine: each keeps its own stable code, and plain
  // refinements stay on zod's compiled fast path.
  return schema
    .refine(
      fitRefinement(
        { code: 'too_many_decimals', precision, scale },
        (value) => decimalMisfit(value, precision, scale) !== 'too_many_decimals',
      ),
      {
        message: `Expected at most ${scale} decimal places (${label})`,
        params: { code: 'too_many_decimals' },
        abort: true,
      },
    )
    .refine(
      fitRefinement(
        { code: 'decimal_overflow', precision, scale },
        (value) => decimalMisfit(value, precision, scale) === undefined,
      ),
      {
        message: `Expected at most ${precision - scale} digits before the decimal point (${label})`,
        params: { code: 'decimal_overflow' },
        abort: true,
      },
    );
}
