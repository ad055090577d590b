import { describe, expect, it } from 'vitest';
import { type DropshippingOrderEvent, dropshippingRegistry } from '../../../src/events/index.js';
import { codesOf, type Json, validDropshippingOrder } from './fixtures.js';

function orderWith(change: (order: Record<string, unknown>, event: Json) => void): Json {
  const event = validDropshippingOrder();
  change(event.event_data.order as Record<string, unknown>, event);
  return event;
}

describe('dropshipping order_created', () => {
  it('parses an order as exported by the seed generator', () => {
    const result = dropshippingRegistry.parse(validDropshippingOrder());
    expect(result.ok).toBe(true);
    const event: DropshippingOrderEvent | undefined = result.ok ? result.event : undefined;
    expect(event?.event_data.order).toEqual(validDropshippingOrder().event_data.order);
  });

  it('is a different type from the wine shop ORDER_CREATED (types are case-sensitive)', () => {
    const event = validDropshippingOrder();
    event.event_type = 'ORDER_CREATED';
    expect(codesOf(dropshippingRegistry.parse(event))).toEqual(['unknown_event_type@event_type']);
  });

  it.each<[string, (order: Record<string, unknown>, event: Json) => void, string]>([
    ['quantity 0', (o) => Object.assign(o, { quantity: 0 }), 'too_small@event_data.order.quantity'],
    [
      'a price in fractions of a cent',
      (o) => Object.assign(o, { unit_price: 59.999 }),
      'too_many_decimals@event_data.order.unit_price',
    ],
    [
      'a negative price',
      (o) => Object.assign(o, { unit_price: -5 }),
      'too_small@event_data.order.unit_price',
    ],
    [
      'sold_at without a zone',
      (o) => Object.assign(o, { sold_at: '2024-05-31T21:14:05' }),
      'invalid_format@event_data.order.sold_at',
    ],
    [
      'a malformed customer id',
      (o) => Object.assign(o, { customer_id: 'C1' }),
      'invalid_format@event_data.order.customer_id',
    ],
    [
      'an unknown order key',
      (o) => Object.assign(o, { coupon: 'X' }),
      'unrecognized_key@event_data.order.coupon',
    ],
    ['a missing order', (_o, e) => delete e.event_data.order, 'invalid_type@event_data.order'],
    [
      'an envelope customer that differs',
      (_o, e) => Object.assign(e, { customer_id: 'CUST_000002' }),
      'customer_mismatch@event_data.order.customer_id',
    ],
    [
      'an envelope product that differs',
      (_o, e) => Object.assign(e, { product_id: 'PROD_000018' }),
      'product_mismatch@event_data.order.product_id',
    ],
  ])('rejects %s', (_name, change, expected) => {
    expect(codesOf(dropshippingRegistry.parse(orderWith(change)))).toContain(expected);
  });
});
