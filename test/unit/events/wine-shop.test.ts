import { describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../../src/events/index.js';
import { codesOf, type Json, validAdjustment, validOrder } from './fixtures.js';

function orderWith(change: (event: Json) => void): Json {
  const event = validOrder();
  change(event);
  return event;
}

function adjustmentWith(change: (event: Json) => void): Json {
  const event = validAdjustment();
  change(event);
  return event;
}

describe('ORDER_CREATED', () => {
  it('parses the seed example into a typed event', () => {
    const result = wineShopRegistry.parse(validOrder());
    expect(result).toEqual({ ok: true, event: validOrder() });
    if (result.ok && result.event.event_type === 'ORDER_CREATED') {
      expect(result.event.event_data.total_amount).toBe(94.35);
    }
  });

  it('reads an absent discount as 0 and checks the total against it', () => {
    const event = orderWith((e) => {
      delete e.event_data.discount;
      e.event_data.quantity = 2;
      e.event_data.unit_price = 450;
      e.event_data.total_amount = 900;
    });
    const result = wineShopRegistry.parse(event);
    expect(result.ok && result.event.event_data).toMatchObject({ discount: 0, total_amount: 900 });
  });

  it('accepts a free bottle, a 0.7 l spirit and a total rounded half up to the cent', () => {
    const free = orderWith((e) =>
      Object.assign(e.event_data, { unit_price: 0, discount: 0, total_amount: 0 }),
    );
    const spirit = orderWith((e) => {
      Object.assign(e.event_data, { product_category: 'Spiritueux', bottle_size_liters: 0.7 });
      Object.assign(e.event_data, { quantity: 1, unit_price: 0.25, discount: 0.5, total_amount: 0.13 });
    });
    expect(wineShopRegistry.parse(free).ok).toBe(true);
    expect(wineShopRegistry.parse(spirit).ok).toBe(true);
  });

  it.each<[string, (e: Json) => void, string]>([
    ['quantity 0', (e) => Object.assign(e.event_data, { quantity: 0 }), 'too_small@event_data.quantity'],
    [
      'negative quantity',
      (e) => Object.assign(e.event_data, { quantity: -2 }),
      'too_small@event_data.quantity',
    ],
    [
      'fractional quantity',
      (e) => Object.assign(e.event_data, { quantity: 1.5 }),
      'invalid_type@event_data.quantity',
    ],
    [
      'negative price',
      (e) => Object.assign(e.event_data, { unit_price: -1 }),
      'too_small@event_data.unit_price',
    ],
    [
      'price in fractions of a cent',
      (e) => Object.assign(e.event_data, { unit_price: 18.505 }),
      'too_many_decimals@event_data.unit_price',
    ],
    [
      'price beyond NUMBER(10,2)',
      (e) => Object.assign(e.event_data, { unit_price: 1e8 }),
      'decimal_overflow@event_data.unit_price',
    ],
    ['discount of 100 %', (e) => Object.assign(e.event_data, { discount: 1 }), 'too_big@event_data.discount'],
    [
      'negative discount',
      (e) => Object.assign(e.event_data, { discount: -0.1 }),
      'too_small@event_data.discount',
    ],
    [
      'total off by one cent',
      (e) => Object.assign(e.event_data, { total_amount: 94.36 }),
      'total_mismatch@event_data.total_amount',
    ],
    [
      'total ignoring the discount',
      (e) => Object.assign(e.event_data, { total_amount: 111 }),
      'total_mismatch@event_data.total_amount',
    ],
    [
      'unknown category',
      (e) => Object.assign(e.event_data, { product_category: 'Bière' }),
      'invalid_value@event_data.product_category',
    ],
    [
      'unknown payment method',
      (e) => Object.assign(e.event_data, { payment_method: 'BITCOIN' }),
      'invalid_value@event_data.payment_method',
    ],
    [
      'unknown sales channel',
      (e) => Object.assign(e.event_data, { sales_channel: 'Phone' }),
      'invalid_value@event_data.sales_channel',
    ],
    [
      'zero bottle size',
      (e) => Object.assign(e.event_data, { bottle_size_liters: 0 }),
      'too_small@event_data.bottle_size_liters',
    ],
    [
      'malformed order id',
      (e) => Object.assign(e.event_data, { order_id: 'ORD-1' }),
      'invalid_format@event_data.order_id',
    ],
    [
      'empty product name',
      (e) => Object.assign(e.event_data, { product_name: '' }),
      'too_small@event_data.product_name',
    ],
    [
      'lone surrogate in an address',
      (e) => Object.assign(e.event_data, { shipping_address: 'Rue \uD800' }),
      'invalid_unicode@event_data.shipping_address',
    ],
    [
      'price as a string',
      (e) => Object.assign(e.event_data, { unit_price: '18.50' }),
      'invalid_type@event_data.unit_price',
    ],
    ['missing total', (e) => delete e.event_data.total_amount, 'invalid_type@event_data.total_amount'],
    [
      'unknown event_data key',
      (e) => Object.assign(e.event_data, { gift_wrap: true }),
      'unrecognized_key@event_data.gift_wrap',
    ],
    ['unknown envelope key', (e) => Object.assign(e, { partition: 3 }), 'unrecognized_key@partition'],
    [
      'customer copies that differ',
      (e) => Object.assign(e, { customer_id: 'CUST-00043' }),
      'customer_mismatch@event_data.customer_id',
    ],
    ['missing customer', (e) => delete e.customer_id, 'invalid_type@customer_id'],
    [
      'malformed product id',
      (e) => Object.assign(e, { product_id: 'PROD_001' }),
      'invalid_format@product_id',
    ],
    [
      'timestamp with an offset',
      (e) => Object.assign(e, { event_timestamp: '2026-11-23T11:15:00+01:00' }),
      'invalid_format@event_timestamp',
    ],
    [
      'impossible date',
      (e) => Object.assign(e, { event_timestamp: '2026-02-30T10:15:00Z' }),
      'invalid_format@event_timestamp',
    ],
    ['event id not a UUID', (e) => Object.assign(e, { event_id: 'evt-1' }), 'invalid_format@event_id'],
    [
      'a newer schema version',
      (e) => Object.assign(e, { source: { producer: 'p', schema_version: 2 } }),
      'invalid_value@source.schema_version',
    ],
    ['no source', (e) => delete e.source, 'invalid_type@source'],
  ])('rejects %s', (_name, change, expected) => {
    expect(codesOf(wineShopRegistry.parse(orderWith(change)))).toContain(expected);
  });

  it('says what the total should have been', () => {
    const result = wineShopRegistry.parse(
      orderWith((e) => Object.assign(e.event_data, { total_amount: 94.36 })),
    );
    expect(!result.ok && result.error.issues[0]?.message).toContain('94.35');
  });
});

describe('INVENTORY_ADJUSTED', () => {
  it('parses the seed example; an absent customer_id becomes null', () => {
    const event = validAdjustment();
    delete event.customer_id;
    const result = wineShopRegistry.parse(event);
    expect(result).toEqual({ ok: true, event: validAdjustment() });
  });

  it.each([
    ['SALE', -3],
    ['LOSS', -1],
    ['CORRECTION', -4],
    ['CORRECTION', 2],
  ])('accepts %s with a change of %i', (adjustmentType, change) => {
    const event = adjustmentWith((e) =>
      Object.assign(e.event_data, { adjustment_type: adjustmentType, quantity_change: change }),
    );
    expect(wineShopRegistry.parse(event).ok).toBe(true);
  });

  it('accepts a stock level below zero (a check flags it later)', () => {
    const event = adjustmentWith((e) =>
      Object.assign(e.event_data, { adjustment_type: 'SALE', quantity_change: -5, new_stock_level: -2 }),
    );
    expect(wineShopRegistry.parse(event).ok).toBe(true);
  });

  it.each<[string, (e: Json) => void, string]>([
    [
      'a RESTOCK that removes stock',
      (e) => Object.assign(e.event_data, { quantity_change: -5 }),
      'quantity_sign@event_data.quantity_change',
    ],
    [
      'a SALE that adds stock',
      (e) => Object.assign(e.event_data, { adjustment_type: 'SALE', quantity_change: 5 }),
      'quantity_sign@event_data.quantity_change',
    ],
    [
      'a LOSS that adds stock',
      (e) => Object.assign(e.event_data, { adjustment_type: 'LOSS', quantity_change: 1 }),
      'quantity_sign@event_data.quantity_change',
    ],
    [
      'a zero change',
      (e) => Object.assign(e.event_data, { adjustment_type: 'CORRECTION', quantity_change: 0 }),
      'zero_change@event_data.quantity_change',
    ],
    [
      'a fractional stock level',
      (e) => Object.assign(e.event_data, { new_stock_level: 2.5 }),
      'invalid_type@event_data.new_stock_level',
    ],
    [
      'an unknown adjustment type',
      (e) => Object.assign(e.event_data, { adjustment_type: 'THEFT' }),
      'invalid_value@event_data.adjustment_type',
    ],
    [
      'an unknown category',
      (e) => Object.assign(e.event_data, { product_category: 'Cidre' }),
      'invalid_value@event_data.product_category',
    ],
    [
      'a customer on a stock movement',
      (e) => Object.assign(e, { customer_id: 'CUST-00042' }),
      'invalid_type@customer_id',
    ],
    [
      'an order field',
      (e) => Object.assign(e.event_data, { quantity: 3 }),
      'unrecognized_key@event_data.quantity',
    ],
    [
      'an empty warehouse',
      (e) => Object.assign(e.event_data, { warehouse_location: '' }),
      'too_small@event_data.warehouse_location',
    ],
  ])('rejects %s', (_name, change, expected) => {
    expect(codesOf(wineShopRegistry.parse(adjustmentWith(change)))).toContain(expected);
  });
});
