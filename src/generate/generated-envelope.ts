import type { Envelope } from '../events/envelope.js';

/** Producer name written in every generated envelope's `source`. */
export const GENERATOR_PRODUCER = 'eventflake-generator';

/** Producer name of envelopes rebuilt from replayed source rows (CSV). */
export const REPLAY_PRODUCER = 'eventflake-replay';

/** An envelope as the generator writes it: schema version 1, our producer name. */
export type GeneratedEnvelope<TType extends string, TData> = Envelope<TType, TData> & {
  readonly source: { readonly producer: string; readonly schema_version: 1 };
};

/**
 * Wrap event data in the contract's envelope. The caller draws the timestamp first because ids
 * such as `ORD-20251019-…` embed its day, and the event id (seeded, or derived from a source row).
 *
 * @example
 * const timestamp = isoTimestamp(context.clock.tick());
 * generatedEnvelope(context.random.uuid(), 'PAGE_VIEW', timestamp, null, 'CUST-00001', { page: '/' });
 */
export function generatedEnvelope<TType extends string, TData>(
  eventId: string,
  type: TType,
  timestamp: string,
  productId: string | null,
  customerId: string | null,
  data: TData,
  producer: string = GENERATOR_PRODUCER,
): GeneratedEnvelope<TType, TData> {
  return {
    event_id: eventId,
    event_type: type,
    event_timestamp: timestamp,
    product_id: productId,
    customer_id: customerId,
    event_data: data,
    source: { producer, schema_version: 1 },
  };
}
