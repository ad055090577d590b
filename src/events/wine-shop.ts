import { z } from 'zod';
import { decimal } from './column-types.js';
import { defineEvent, type EventOf, type RuleViolation } from './define-event.js';
import { dataOnly, field } from './field.js';
import { expectedTotal, totalMatches } from './money.js';
import { createRegistry } from './registry.js';
import type { SqlRules } from './sql-rules.js';
import { text } from './text.js';

/** Les Caves d'Albert's catalogue categories. */
export const WINE_CATEGORIES = ['Rouge', 'Blanc', 'Rosé', 'Effervescent', 'Spiritueux'] as const;
export const PAYMENT_METHODS = ['CARTE_BANCAIRE', 'PAYPAL', 'VIREMENT', 'ESPECES', 'CHEQUE'] as const;
export const SALES_CHANNELS = ['E-com', 'Boutique', 'Salon', 'Marketplace'] as const;
export const ADJUSTMENT_TYPES = ['RESTOCK', 'SALE', 'LOSS', 'CORRECTION'] as const;
/** Usual bottle sizes; the schema accepts any positive size (0.7 l for spirits). */
export const BOTTLE_SIZES_LITERS = [0.375, 0.75, 1.5, 3] as const;

export type WineCategory = (typeof WINE_CATEGORIES)[number];
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number];

const PRODUCT_ID = z.string().regex(/^PROD-\d{3,12}$/, 'Expected a product id like PROD-001');
const CUSTOMER_ID = z.string().regex(/^CUST-\d{1,12}$/, 'Expected a customer id like CUST-00042');
const PRICE = decimal(10, 2);

const productName = () => field(text({ max: 200 }), { type: 'string' });
const productCategory = () => field(z.enum(WINE_CATEGORIES), { type: 'string' });

const orderData = z
  .strictObject({
    order_id: field(z.string().regex(/^ORD-\d{8}-\d{6}$/, 'Expected an order id like ORD-20251019-123456'), {
      type: 'string',
      key: true,
    }),
    // A copy of the envelope's customer_id (checked equal), so no column of its own.
    customer_id: dataOnly(CUSTOMER_ID),
    product_name: productName(),
    product_category: productCategory(),
    quantity: field(z.int().positive(), { type: 'integer' }),
    unit_price: field(z.number().min(0), { type: PRICE }),
    discount: field(z.number().min(0).lt(1), { type: decimal(5, 4) }).default(0),
    total_amount: field(z.number().min(0), { type: decimal(12, 2) }),
    payment_method: field(z.enum(PAYMENT_METHODS), { type: 'string' }),
    sales_channel: field(z.enum(SALES_CHANNELS), { type: 'string' }),
    bottle_size_liters: field(z.number().positive().max(30), { type: decimal(6, 3) }),
    shipping_address: field(text({ max: 500 }), { type: 'string' }),
  })
  .superRefine((order, ctx) => {
    const { quantity, unit_price: unitPrice, discount, total_amount: total } = order;
    if (totalMatches(total, quantity, unitPrice, discount)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['total_amount'],
      message: `Expected total_amount ${expectedTotal(quantity, unitPrice, discount)} (quantity × unit_price × (1 − discount), to the cent), got ${total}`,
      params: { code: 'total_mismatch' },
      input: total,
    });
  });

/**
 * The SQL twin of the order rules below (see {@link SqlRules}): the total to the cent, exactly as
 * `totalMatches` computes it (quantity × unit_price × (1 − discount) on the decimal values, rounded half
 * away from zero), and the copied customer id.
 */
const orderSqlRules: SqlRules = (f) => {
  const units = `${f.value('event_data.quantity')}::HUGEINT * ${f.decimalUnits('event_data.unit_price', 2)} * (10000 - ${f.decimalUnits('event_data.discount', 4)})`;
  const cents = `sign(${units}) * ((abs(${units}) + 5000) // 10000)`;
  return `${f.decimalUnits('event_data.total_amount', 2)} = ${cents} AND ${f.value('event_data.customer_id')} = ${f.value('customer_id')}`;
};

/**
 * A customer order (seed 000/003). Rules: quantity > 0, unit_price >= 0 with whole cents,
 * 0 <= discount < 1 (absent means 0), total_amount = round2(quantity × unit_price × (1 − discount)),
 * known category, payment method and channel, event_data.customer_id equal to customer_id.
 */
export const orderCreated = defineEvent({
  type: 'ORDER_CREATED',
  version: 1,
  description: "A customer order at Les Caves d'Albert",
  productId: PRODUCT_ID,
  customerId: CUSTOMER_ID,
  data: orderData,
  sqlRules: orderSqlRules,
  check: (event): RuleViolation[] | undefined =>
    event.event_data.customer_id === event.customer_id
      ? undefined
      : [
          {
            path: ['event_data', 'customer_id'],
            code: 'customer_mismatch',
            message: 'Expected event_data.customer_id to equal the envelope customer_id',
          },
        ],
});

/** The direction a quantity change must have for each adjustment type (0 = either). */
const EXPECTED_SIGN: Record<AdjustmentType, -1 | 0 | 1> = { RESTOCK: 1, SALE: -1, LOSS: -1, CORRECTION: 0 };

const adjustmentData = z
  .strictObject({
    adjustment_id: field(
      z.string().regex(/^ADJ-\d{8}-\d{6}$/, 'Expected an adjustment id like ADJ-20251019-789012'),
      {
        type: 'string',
        key: true,
      },
    ),
    product_name: productName(),
    product_category: productCategory(),
    adjustment_type: field(z.enum(ADJUSTMENT_TYPES), { type: 'string' }),
    quantity_change: field(
      z
        .int()
        .refine((n) => n !== 0, { message: 'Expected a non-zero change', params: { code: 'zero_change' } }),
      { type: 'integer' },
    ),
    // Not bounded below: a negative level is a fact to flag in checks, not an event to drop.
    new_stock_level: field(z.int(), { type: 'integer' }),
    reason: field(text({ max: 500 }), { type: 'string' }),
    warehouse_location: field(text({ max: 200 }), { type: 'string' }),
  })
  .superRefine((adjustment, ctx) => {
    const expected = EXPECTED_SIGN[adjustment.adjustment_type];
    if (expected === 0 || Math.sign(adjustment.quantity_change) === expected) return;
    ctx.addIssue({
      code: 'custom',
      path: ['quantity_change'],
      message: `Expected a ${expected > 0 ? 'positive' : 'negative'} quantity_change for ${adjustment.adjustment_type}`,
      params: { code: 'quantity_sign' },
      input: adjustment.quantity_change,
    });
  });

/** The SQL twin of the non-zero (a field refinement, hence `covers`) and sign rules of {@link adjustmentData}. */
const adjustmentSqlRules: SqlRules = {
  covers: ['zero_change'],
  sql: (f) => {
    const change = f.value('event_data.quantity_change');
    return `${change} <> 0 AND CASE ${f.value('event_data.adjustment_type')} WHEN 'RESTOCK' THEN ${change} > 0 WHEN 'SALE' THEN ${change} < 0 WHEN 'LOSS' THEN ${change} < 0 ELSE TRUE END`;
  },
};

/**
 * A stock movement (seed 000/003): RESTOCK adds, SALE and LOSS remove, CORRECTION goes either way;
 * never a zero change. Has no customer: customer_id must be null or absent.
 */
export const inventoryAdjusted = defineEvent({
  type: 'INVENTORY_ADJUSTED',
  version: 1,
  description: "A stock adjustment in one of Les Caves d'Albert's warehouses",
  productId: PRODUCT_ID,
  customerId: 'none',
  data: adjustmentData,
  sqlRules: adjustmentSqlRules,
});

export type OrderCreatedEvent = EventOf<typeof orderCreated>;
export type InventoryAdjustedEvent = EventOf<typeof inventoryAdjusted>;
export type WineShopEvent = OrderCreatedEvent | InventoryAdjustedEvent;

/**
 * Validates the wine shop's two event types.
 *
 * @example
 * const result = wineShopRegistry.parse(JSON.parse(raw));
 * if (result.ok) console.log(result.event.event_type);
 */
export const wineShopRegistry = createRegistry([orderCreated, inventoryAdjusted]);
