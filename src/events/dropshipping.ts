import { z } from 'zod';
import { decimal } from './column-types.js';
import { defineEvent, type EventOf, type RuleViolation } from './define-event.js';
import { dataOnly, field } from './field.js';
import { createRegistry } from './registry.js';

const ORDER_ID = z.string().regex(/^[A-Z]+_\d{6,12}$/, 'Expected an order id like ORDER_000001');
const CUSTOMER_ID = z.string().regex(/^CUST_\d{6,12}$/, 'Expected a customer id like CUST_000001');
const PRODUCT_ID = z.string().regex(/^PROD_\d{6,12}$/, 'Expected a product id like PROD_000001');

const orderData = z.strictObject({
  order: z.strictObject({
    id: field(ORDER_ID, { type: 'string', name: 'ORDER_ID', key: true }),
    // Copies of the envelope ids (checked equal), so no columns of their own.
    customer_id: dataOnly(CUSTOMER_ID),
    product_id: dataOnly(PRODUCT_ID),
    quantity: field(z.int().positive(), { type: 'integer', name: 'QUANTITY' }),
    unit_price: field(z.number().min(0), { type: decimal(10, 2), name: 'UNIT_PRICE' }),
    sold_at: field(z.iso.datetime({ error: 'Expected an ISO 8601 UTC timestamp ending in Z' }), {
      type: 'timestamp',
      name: 'SOLD_AT',
    }),
  }),
});

/**
 * An order of the dropshipping demo (seed 002): `event_data.order` as exported to orders.csv.
 * Rules: quantity > 0 (the generator draws 1..5), unit_price >= 0 with whole cents, sold_at in UTC,
 * envelope product_id/customer_id equal to the order's.
 */
export const dropshippingOrderCreated = defineEvent({
  type: 'order_created',
  version: 1,
  description: 'An order of the dropshipping demo shop',
  productId: PRODUCT_ID,
  customerId: CUSTOMER_ID,
  data: orderData,
  // The SQL twin of `check`, for the file loader's DuckDB path.
  sqlRules: (f) =>
    `${f.value('event_data.order.customer_id')} = ${f.value('customer_id')} AND ${f.value('event_data.order.product_id')} = ${f.value('product_id')}`,
  check: (event): RuleViolation[] => {
    const { order } = event.event_data;
    const violations: RuleViolation[] = [];
    if (order.customer_id !== event.customer_id) {
      violations.push({
        path: ['event_data', 'order', 'customer_id'],
        code: 'customer_mismatch',
        message: 'Expected event_data.order.customer_id to equal the envelope customer_id',
      });
    }
    if (order.product_id !== event.product_id) {
      violations.push({
        path: ['event_data', 'order', 'product_id'],
        code: 'product_mismatch',
        message: 'Expected event_data.order.product_id to equal the envelope product_id',
      });
    }
    return violations;
  },
});

export type DropshippingOrderEvent = EventOf<typeof dropshippingOrderCreated>;

/**
 * Validates the dropshipping demo's events.
 *
 * @example
 * const result = dropshippingRegistry.parse(event);
 * if (result.ok) console.log(result.event.event_data.order.id);
 */
export const dropshippingRegistry = createRegistry([dropshippingOrderCreated]);
