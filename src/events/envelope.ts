import { z } from 'zod';
import type { IdPresence } from './columns.js';

/** Who produced an event and which version of its type's schema it follows. */
export interface EventSource {
  readonly producer: string;
  readonly schema_version: number;
}

/**
 * The envelope every event travels in (Kafka value, RAW row). Parsed output always carries
 * `product_id` and `customer_id`, as `null` when absent.
 */
export interface Envelope<TType extends string = string, TData = unknown> {
  readonly event_id: string;
  readonly event_type: TType;
  /** ISO 8601 in UTC with a `Z`, e.g. `2026-11-23T10:15:00.000Z`. */
  readonly event_timestamp: string;
  readonly product_id: string | null;
  readonly customer_id: string | null;
  readonly event_data: TData;
  readonly source: EventSource;
}

/**
 * How a type constrains an envelope id: `'none'` (must be null or absent), `'optional'` (any id or
 * null), `'required'` (any non-empty id), or a zod schema for a required id with a format.
 */
export type IdRule = IdPresence | z.ZodType<string>;

export interface EnvelopeOptions<TType extends string, TData extends z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly data: TData;
  readonly productId: IdRule;
  readonly customerId: IdRule;
}

const MAX_ID_LENGTH = 128;

/**
 * The envelope's keys in the order {@link envelopeObject} declares them: the order parsed events have,
 * JSON.stringify writes, and the event CSV layout uses.
 */
export const ENVELOPE_KEYS = [
  'event_id',
  'event_type',
  'event_timestamp',
  'product_id',
  'customer_id',
  'event_data',
  'source',
] as const;

/**
 * Builds the strict envelope schema of one event type: unknown top-level keys are rejected, like
 * unknown keys inside event_data, so nothing a producer sends is silently dropped.
 *
 * @example
 * const schema = envelopeSchema({ type: 'PING', version: 1, data: z.strictObject({}), productId: 'none', customerId: 'none' });
 */
export function envelopeSchema<TType extends string, TData extends z.ZodType>(
  options: EnvelopeOptions<TType, TData>,
): z.ZodType<Envelope<TType, z.output<TData>>> {
  // TypeScript cannot resolve zod's mapped output type over a generic `TData`; for concrete data
  // schemas the two types agree (checked in test/unit/events/types.test.ts).
  return envelopeObject(options) as unknown as z.ZodType<Envelope<TType, z.output<TData>>>;
}

/** @internal The envelope object schema with zod's own inferred types; see {@link envelopeSchema}. */
export function envelopeObject<TType extends string, TData extends z.ZodType>(
  options: EnvelopeOptions<TType, TData>,
) {
  return z.strictObject({
    event_id: z.uuid({ error: 'Expected a UUID (8-4-4-4-12 hex digits)' }),
    event_type: z.literal(options.type),
    event_timestamp: z.iso.datetime({ error: 'Expected an ISO 8601 UTC timestamp ending in Z' }),
    product_id: idSchema(options.productId),
    customer_id: idSchema(options.customerId),
    event_data: options.data,
    source: z.strictObject({
      producer: z.string().min(1).max(MAX_ID_LENGTH),
      schema_version: z.literal(options.version, {
        error: `Expected schema_version ${options.version}, the version this definition validates`,
      }),
    }),
  });
}

/** The presence an id rule implies, for the column list. */
export function presenceOf(rule: IdRule): IdPresence {
  return typeof rule === 'string' ? rule : 'required';
}

function idSchema(rule: IdRule): z.ZodType<string | null> {
  if (typeof rule !== 'string') return rule;
  if (rule === 'none')
    return z.null({ error: 'Expected null: this event type has no such id' }).default(null);
  const id = z.string().min(1).max(MAX_ID_LENGTH);
  return rule === 'required' ? id : id.nullable().default(null);
}
