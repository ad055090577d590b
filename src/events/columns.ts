import { z } from 'zod';
import { type ColumnType, isColumnName } from './column-types.js';
import { EventDefinitionError } from './errors.js';
import { baseOf, declarationOf } from './field.js';

/**
 * One STAGING column, derived from the event schema (never declared twice): what the DDL renderer
 * and the RAW → STAGING transform need.
 */
export interface ColumnSpec {
  /** Upper snake case, e.g. ORDER_ID. */
  readonly name: string;
  readonly type: ColumnType;
  /** True when the field may be absent or null (an optional field, or inside an optional object). */
  readonly nullable: boolean;
  /** Part of the business key the PRODUCTION MERGE matches on. */
  readonly key: boolean;
  /** Where the value sits in the envelope, e.g. `['event_data', 'order', 'id']`. */
  readonly path: readonly string[];
  readonly description?: string;
}

/** How an envelope id field is constrained; see `defineEvent`. */
export type IdPresence = 'none' | 'optional' | 'required';

/**
 * The envelope columns every STAGING table starts with. PRODUCT_ID and CUSTOMER_ID are left out when
 * the type has none (they would always be NULL).
 */
export function envelopeColumns(product: IdPresence, customer: IdPresence): ColumnSpec[] {
  const columns: ColumnSpec[] = [
    column(
      'EVENT_ID',
      { kind: 'string' },
      false,
      ['event_id'],
      'Unique event id (UUID); the idempotency key',
    ),
    column(
      'EVENT_TIMESTAMP',
      { kind: 'timestamp' },
      false,
      ['event_timestamp'],
      'When the event happened (UTC)',
    ),
  ];
  if (product !== 'none')
    columns.push(column('PRODUCT_ID', { kind: 'string' }, product === 'optional', ['product_id']));
  if (customer !== 'none') {
    columns.push(column('CUSTOMER_ID', { kind: 'string' }, customer === 'optional', ['customer_id']));
  }
  return columns;
}

/**
 * Walks event_data in declaration order and lists its columns. Nested objects without a declaration
 * are walked into; every other field must be declared with `field()` or `dataOnly()`, so a new field
 * can never silently miss its column.
 */
export function dataColumns(eventType: string, data: z.ZodObject): ColumnSpec[] {
  const columns: ColumnSpec[] = [];
  walkObject(eventType, data, ['event_data'], false, columns);
  return columns;
}

/** Throws when two columns share a name (e.g. a data field named like an envelope column). */
export function assertUniqueNames(eventType: string, columns: readonly ColumnSpec[]): void {
  const seen = new Map<string, ColumnSpec>();
  for (const spec of columns) {
    const earlier = seen.get(spec.name);
    if (earlier !== undefined) {
      throw new EventDefinitionError(
        eventType,
        `column ${spec.name} is declared by both ${earlier.path.join('.')} and ${spec.path.join('.')}; ` +
          'give one an explicit name, or mark a copied field dataOnly()',
      );
    }
    seen.set(spec.name, spec);
  }
}

/**
 * Derives a column name from a field path: `['order', 'customerId']` → ORDER_CUSTOMER_ID.
 *
 * @example
 * columnNameOf(['order_id']); // 'ORDER_ID'
 */
export function columnNameOf(path: readonly string[]): string {
  return path
    .map((segment) => segment.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))
    .join('_')
    .toUpperCase();
}

function walkObject(
  eventType: string,
  object: z.core.$ZodObject,
  path: readonly string[],
  parentNullable: boolean,
  out: ColumnSpec[],
): void {
  if (object._zod.def.catchall === undefined) {
    throw new EventDefinitionError(
      eventType,
      `${path.join('.')} is a z.object(), which silently drops unknown keys; ` +
        'use z.strictObject() to reject them (or z.looseObject() to keep them in EVENT_DATA)',
    );
  }
  for (const [key, schema] of Object.entries(object._zod.def.shape)) {
    const fieldPath = [...path, key];
    const nullable = parentNullable || acceptsNothing(schema);
    const declaration = declarationOf(schema);
    if (declaration?.staged === false) continue;
    if (declaration === undefined) {
      const base = baseOf(schema);
      if (!(base instanceof z.core.$ZodObject)) {
        throw new EventDefinitionError(
          eventType,
          `${fieldPath.join('.')} has no column: wrap it in field(schema, { type }) or dataOnly(schema)`,
        );
      }
      walkObject(eventType, base, fieldPath, nullable, out);
      continue;
    }
    const name = declaration.name ?? columnNameOf(fieldPath.slice(1));
    if (!isColumnName(name)) {
      throw new EventDefinitionError(eventType, `${fieldPath.join('.')} needs an explicit column name`);
    }
    out.push(column(name, declaration.type, nullable, fieldPath, declaration.description, declaration.key));
  }
}

/** Whether a field's output can be missing or null, judged once per definition. */
function acceptsNothing(schema: z.core.$ZodType): boolean {
  if (schema._zod.optout === 'optional') return true;
  try {
    const probe = z.safeParse(schema, null);
    return probe.success && probe.data === null;
  } catch {
    // A user refinement that assumes a non-null value may throw on the probe: then null is not accepted.
    return false;
  }
}

function column(
  name: string,
  type: ColumnType,
  nullable: boolean,
  path: readonly string[],
  description?: string,
  key = false,
): ColumnSpec {
  const spec: ColumnSpec = { name, type: Object.freeze(type), nullable, key, path: Object.freeze([...path]) };
  return Object.freeze(description === undefined ? spec : { ...spec, description });
}
