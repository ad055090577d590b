import { z } from 'zod';
import { assertUniqueNames, type ColumnSpec, dataColumns, envelopeColumns } from './columns.js';
import { type Envelope, envelopeSchema, type IdRule, presenceOf } from './envelope.js';
import { EventDefinitionError } from './errors.js';
import type { SqlRules } from './sql-rules.js';

/**
 * An event_data schema: a zod object, strict at every level. Unknown keys are rejected, not stripped:
 * in a pipeline a stripped key is data lost without a trace, while a rejected event lands in the DLQ
 * with an `unrecognized_key` issue naming the key. A plain `z.object()` (which strips) is refused by
 * `defineEvent`; `z.looseObject()` is accepted for a deliberately open object whose extra keys are
 * kept in EVENT_DATA. The envelope itself is always strict.
 */
export type DataSchema = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

/** A broken cross-field rule, reported by a definition's `check`. */
export interface RuleViolation {
  readonly path: readonly (string | number)[];
  /** Stable, machine-readable, e.g. `customer_mismatch`. */
  readonly code: string;
  readonly message: string;
}

export interface EventSpec<TType extends string, TData extends DataSchema> {
  /** Letters, digits and underscores, starting with a letter, at most 64 characters (case-sensitive). */
  readonly type: TType;
  /** Positive whole number; events must carry it as `source.schema_version`. */
  readonly version: number;
  readonly description: string;
  /** The event_data schema; fields declare their STAGING columns with `field()` / `dataOnly()`. */
  readonly data: TData;
  /** @default 'optional' */
  readonly productId?: IdRule;
  /** @default 'optional' */
  readonly customerId?: IdRule;
  /**
   * Rules across envelope and data (e.g. event_data.customer_id equals customer_id). Runs once the
   * fields themselves have the right types; return the violations, or nothing.
   */
  readonly check?: (event: Envelope<TType, z.output<TData>>) => readonly RuleViolation[] | undefined;
  /**
   * The SQL twin of the rules zod cannot describe (`check`, `.refine()` / `.superRefine()` on the data
   * schema's objects, and the field refinements it lists in `covers`), so the file loader can validate
   * this type inside DuckDB. See {@link SqlRules}.
   * @default none: a type with such rules is validated by the JavaScript path when loading files
   */
  readonly sqlRules?: SqlRules;
}

/** A frozen, validated event type: its envelope schema, its columns and its JSON Schema. */
export interface EventDefinition<TType extends string = string, TData extends DataSchema = DataSchema> {
  readonly type: TType;
  readonly version: number;
  readonly description: string;
  readonly data: TData;
  /** The whole-envelope schema, compiled for speed. Prefer a registry's `parse`, which never throws. */
  readonly schema: z.ZodType<Envelope<TType, z.output<TData>>>;
  /** STAGING columns in order: envelope columns, then event_data fields in declaration order. */
  readonly columns: readonly ColumnSpec[];
  /** A fresh JSON Schema (draft 2020-12) of the envelope as producers must send it. */
  readonly jsonSchema: () => z.core.JSONSchema.BaseSchema;
  /** The SQL twin of the custom rules, when the spec gave one. */
  readonly sqlRules?: SqlRules;
}

/** The parsed event type of a definition. */
export type EventOf<D> =
  D extends EventDefinition<infer TType, infer TData> ? Envelope<TType, z.output<TData>> : never;

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Defines an event type. Throws {@link EventDefinitionError} (ERR_EVENT_DEFINITION) for a bad type
 * name or version, a plain `z.object()` in event_data (it would drop unknown keys), a field without a
 * column declaration, or two columns with one name.
 *
 * @example
 * const refundIssued = defineEvent({
 *   type: 'REFUND_ISSUED',
 *   version: 1,
 *   description: 'Money returned to a customer',
 *   customerId: 'required',
 *   productId: 'none',
 *   data: z.strictObject({
 *     refund_id: field(z.string().min(1), { type: 'string', key: true }),
 *     amount: field(z.number().positive(), { type: decimal(10, 2) }),
 *   }),
 * });
 */
export function defineEvent<const TType extends string, TData extends DataSchema>(
  spec: EventSpec<TType, TData>,
): EventDefinition<TType, TData> {
  const { type, version, description, data, check } = spec;
  if (typeof type !== 'string' || !TYPE_NAME.test(type)) {
    throw new EventDefinitionError(
      undefined,
      `event type \`${String(type)}\` must be letters, digits and underscores, start with a letter, at most 64 characters`,
    );
  }
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new EventDefinitionError(type, `version must be a positive whole number, got ${String(version)}`);
  }
  if (typeof description !== 'string' || description.trim() === '') {
    throw new EventDefinitionError(type, 'description must be a non-empty string');
  }
  const productId = spec.productId ?? 'optional';
  const customerId = spec.customerId ?? 'optional';
  const columns = [
    ...envelopeColumns(presenceOf(productId), presenceOf(customerId)),
    ...dataColumns(type, data),
  ];
  assertUniqueNames(type, columns);

  const plain = envelopeSchema({ type, version, data, productId, customerId });
  const checked = check === undefined ? plain : plain.superRefine(runCheck(check));
  let jsonSchema: z.core.JSONSchema.BaseSchema | undefined;
  return Object.freeze({
    type,
    version,
    description,
    data,
    // Compiled once here: valid events take the generated fast path, invalid ones fall back to the
    // regular parser, so error reports are the same.
    schema: z.compile(checked),
    columns: Object.freeze(columns),
    jsonSchema: () => {
      jsonSchema ??= { ...toJsonSchema(checked), title: type, description };
      return structuredClone(jsonSchema);
    },
    ...(spec.sqlRules === undefined ? {} : { sqlRules: spec.sqlRules }),
  });
}

/**
 * The STAGING columns of a definition, in order.
 *
 * @example
 * columnsOf(orderCreated).map((c) => c.name); // ['EVENT_ID', 'EVENT_TIMESTAMP', 'PRODUCT_ID', 'CUSTOMER_ID', 'ORDER_ID', …]
 */
export function columnsOf(definition: EventDefinition): readonly ColumnSpec[] {
  return definition.columns;
}

function toJsonSchema(schema: z.ZodType): z.core.JSONSchema.BaseSchema {
  // `input`: the shape producers send (ids and discount may be absent); refinements such as the
  // total rule have no JSON Schema form and are left to validation.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function runCheck<TEvent>(check: (event: TEvent) => readonly RuleViolation[] | undefined) {
  return (event: TEvent, ctx: z.RefinementCtx<TEvent>): void => {
    let violations: readonly RuleViolation[] | undefined;
    try {
      violations = check(event);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      violations = [{ path: [], code: 'check_failed', message: `The event check threw ${name}` }];
    }
    for (const violation of violations ?? []) {
      ctx.addIssue({
        code: 'custom',
        path: [...violation.path],
        message: violation.message,
        params: { code: violation.code },
        input: event,
      });
    }
  };
}
