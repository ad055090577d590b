import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { envelopeObject } from '../../../src/events/envelope.js';
import {
  type Envelope,
  type EventOf,
  field,
  type InventoryAdjustedEvent,
  type OrderCreatedEvent,
  type WineCategory,
  type WineShopEvent,
  wineShopRegistry,
} from '../../../src/events/index.js';
import { validOrder } from './fixtures.js';

// These assertions are checked by `tsc --noEmit -p .`; the runtime test keeps vitest from
// reporting an empty file and shows the narrowing works on a real value.
describe('inferred types', () => {
  it('narrows a parse result on event_type to the typed payload', () => {
    const result = wineShopRegistry.parse(validOrder());
    expectTypeOf(result).toExtend<{ ok: boolean }>();
    if (!result.ok) throw new Error('fixture should parse');
    expectTypeOf(result.event).toEqualTypeOf<WineShopEvent>();
    if (result.event.event_type !== 'ORDER_CREATED') throw new Error('fixture is an order');
    expectTypeOf(result.event).toEqualTypeOf<OrderCreatedEvent>();
    expectTypeOf(result.event.event_data.product_category).toEqualTypeOf<WineCategory>();
    expectTypeOf(result.event.event_data.discount).toEqualTypeOf<number>();
    expectTypeOf<InventoryAdjustedEvent['event_data']['adjustment_type']>().toEqualTypeOf<
      'RESTOCK' | 'SALE' | 'LOSS' | 'CORRECTION'
    >();
    expect(result.event.event_data.quantity * result.event.event_data.unit_price).toBe(111);
  });

  it("agrees with zod's own inference of the envelope (the cast in envelope.ts is sound)", () => {
    const data = z.strictObject({
      n: field(z.int(), { type: 'integer' }),
      tag: field(z.string(), { type: 'string' }).optional(),
    });
    const object = envelopeObject({ type: 'T', version: 1, data, productId: 'none', customerId: 'optional' });
    type Inferred = z.output<typeof object>;
    type Declared = Envelope<'T', z.output<typeof data>>;
    expectTypeOf<Inferred>().toExtend<Declared>();
    expectTypeOf<Declared>().toExtend<Inferred>();
    expectTypeOf<EventOf<{ readonly type: 'T' }>>().toEqualTypeOf<never>();
    expect(object.safeParse({}).success).toBe(false);
  });
});
