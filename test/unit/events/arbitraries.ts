import fc from 'fast-check';
import {
  ADJUSTMENT_TYPES,
  type AdjustmentType,
  BOTTLE_SIZES_LITERS,
  expectedTotal,
  PAYMENT_METHODS,
  SALES_CHANNELS,
  WINE_CATEGORIES,
} from '../../../src/events/index.js';
import type { Json } from './fixtures.js';

const digits = (length: number) =>
  fc.integer({ min: 0, max: 10 ** length - 1 }).map((n) => String(n).padStart(length, '0'));
const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
/** Any printable Unicode, emoji included; short enough that its UTF-16 length stays under every limit. */
const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const source = fc.constant({ producer: 'eventflake-generator', schema_version: 1 });
const envelopeBase = { event_id: fc.uuid(), event_timestamp: timestamp, source };
const cents = fc.integer({ min: 0, max: 9_999_999 }).map((n) => n / 100);

export const wineOrderArb: fc.Arbitrary<Json> = fc
  .record({
    ...envelopeBase,
    product: digits(3),
    customer: digits(5),
    order: fc.tuple(digits(8), digits(6)),
    quantity: fc.integer({ min: 1, max: 10_000 }),
    unitPrice: cents,
    discount: fc.integer({ min: 0, max: 9_999 }).map((n) => n / 10_000),
    omitZeroDiscount: fc.boolean(),
    name: words,
    category: fc.constantFrom(...WINE_CATEGORIES),
    payment: fc.constantFrom(...PAYMENT_METHODS),
    channel: fc.constantFrom(...SALES_CHANNELS),
    bottle: fc.constantFrom(...BOTTLE_SIZES_LITERS, 0.7),
    address: words,
  })
  .map((r) => {
    const eventData: Record<string, unknown> = {
      order_id: `ORD-${r.order[0]}-${r.order[1]}`,
      customer_id: `CUST-${r.customer}`,
      product_name: r.name,
      product_category: r.category,
      quantity: r.quantity,
      unit_price: r.unitPrice,
      discount: r.discount,
      total_amount: expectedTotal(r.quantity, r.unitPrice, r.discount),
      payment_method: r.payment,
      sales_channel: r.channel,
      bottle_size_liters: r.bottle,
      shipping_address: r.address,
    };
    if (r.discount === 0 && r.omitZeroDiscount) delete eventData.discount;
    return {
      event_id: r.event_id,
      event_type: 'ORDER_CREATED',
      event_timestamp: r.event_timestamp,
      product_id: `PROD-${r.product}`,
      customer_id: `CUST-${r.customer}`,
      event_data: eventData,
      source: r.source,
    };
  });

/** An adjustment type with a change of the sign it requires (either sign for CORRECTION). */
const signedChange = fc
  .constantFrom(...ADJUSTMENT_TYPES)
  .chain((type): fc.Arbitrary<readonly [AdjustmentType, number]> => {
    const size = fc.integer({ min: 1, max: 100_000 });
    if (type === 'RESTOCK') return size.map((n) => [type, n]);
    if (type === 'CORRECTION') return fc.tuple(size, fc.boolean()).map(([n, up]) => [type, up ? n : -n]);
    return size.map((n) => [type, -n]);
  });

export const inventoryAdjustmentArb: fc.Arbitrary<Json> = fc
  .record({
    ...envelopeBase,
    product: digits(3),
    adjustment: fc.tuple(digits(8), digits(6)),
    change: signedChange,
    level: fc.integer({ min: -1_000, max: 1_000_000 }),
    name: words,
    category: fc.constantFrom(...WINE_CATEGORIES),
    reason: words,
    warehouse: words,
    customer: fc.constantFrom('null', 'absent'),
  })
  .map((r) => {
    const event: Json = {
      event_id: r.event_id,
      event_type: 'INVENTORY_ADJUSTED',
      event_timestamp: r.event_timestamp,
      product_id: `PROD-${r.product}`,
      customer_id: null,
      event_data: {
        adjustment_id: `ADJ-${r.adjustment[0]}-${r.adjustment[1]}`,
        product_name: r.name,
        product_category: r.category,
        adjustment_type: r.change[0],
        quantity_change: r.change[1],
        new_stock_level: r.level,
        reason: r.reason,
        warehouse_location: r.warehouse,
      },
      source: r.source,
    };
    if (r.customer === 'absent') delete event.customer_id;
    return event;
  });

export const dropshippingOrderArb: fc.Arbitrary<Json> = fc
  .record({
    ...envelopeBase,
    order: digits(6),
    customer: digits(6),
    product: digits(6),
    quantity: fc.integer({ min: 1, max: 5 }),
    unitPrice: cents,
    soldAt: timestamp,
  })
  .map((r) => ({
    event_id: r.event_id,
    event_type: 'order_created',
    event_timestamp: r.event_timestamp,
    product_id: `PROD_${r.product}`,
    customer_id: `CUST_${r.customer}`,
    event_data: {
      order: {
        id: `ORDER_${r.order}`,
        customer_id: `CUST_${r.customer}`,
        product_id: `PROD_${r.product}`,
        quantity: r.quantity,
        unit_price: r.unitPrice,
        sold_at: r.soldAt,
      },
    },
    source: r.source,
  }));

export const anyValidEventArb = fc.oneof(wineOrderArb, inventoryAdjustmentArb, dropshippingOrderArb);

/** Every path to a leaf or object inside an event, e.g. `['event_data', 'order', 'quantity']`. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const inner = Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...prefix, key]));
  return prefix.length === 0 ? inner : [prefix, ...inner];
}

/** A deep copy of `event` with the value at `path` replaced (or removed when `value` is `REMOVE`). */
export const REMOVE = Symbol('remove');
export function withValueAt(event: Json, path: readonly string[], value: unknown): Json {
  const copy = structuredClone(event);
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1) ?? '';
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}
