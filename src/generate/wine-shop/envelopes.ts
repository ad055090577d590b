import { expectedTotal } from '../../events/money.js';
import type { AdjustmentType, InventoryAdjustedEvent, OrderCreatedEvent } from '../../events/wine-shop.js';
import { generatedEnvelope } from '../generated-envelope.js';
import type { GeneratorContext } from '../generator.js';
import { isoTimestamp } from '../sim-clock.js';
import type { WineCustomer, WineProduct } from './catalogue.js';
import type { DatedIds } from './dated-ids.js';

/** What an order is made of before it gets an id and a time. */
export interface OrderIntent {
  readonly productIndex: number;
  readonly customer: WineCustomer;
  readonly quantity: number;
  readonly discount: number;
  readonly paymentMethod: OrderCreatedEvent['event_data']['payment_method'];
  readonly salesChannel: OrderCreatedEvent['event_data']['sales_channel'];
}

/** Build an ORDER_CREATED envelope; the total follows the events module's money rule. */
export function orderEnvelope(
  context: GeneratorContext,
  orderIds: DatedIds,
  product: WineProduct,
  intent: OrderIntent,
): OrderCreatedEvent {
  const timestamp = isoTimestamp(context.clock.tick());
  return generatedEnvelope(
    context.random.uuid(),
    'ORDER_CREATED',
    timestamp,
    product.id,
    intent.customer.id,
    {
      order_id: orderIds.next(timestamp),
      customer_id: intent.customer.id,
      product_name: product.name,
      product_category: product.category,
      quantity: intent.quantity,
      unit_price: product.unitPrice,
      discount: intent.discount,
      total_amount: expectedTotal(intent.quantity, product.unitPrice, intent.discount),
      payment_method: intent.paymentMethod,
      sales_channel: intent.salesChannel,
      bottle_size_liters: product.bottleSizeLiters,
      shipping_address: intent.customer.shippingAddress,
    },
  );
}

/** What an adjustment is made of before it gets an id and a time. */
export interface AdjustmentFacts {
  readonly type: AdjustmentType;
  readonly change: number;
  readonly newLevel: number;
  readonly reason: string;
}

/** Build an INVENTORY_ADJUSTED envelope (no customer). */
export function adjustmentEnvelope(
  context: GeneratorContext,
  adjustmentIds: DatedIds,
  product: WineProduct,
  facts: AdjustmentFacts,
): InventoryAdjustedEvent {
  const timestamp = isoTimestamp(context.clock.tick());
  return generatedEnvelope(context.random.uuid(), 'INVENTORY_ADJUSTED', timestamp, product.id, null, {
    adjustment_id: adjustmentIds.next(timestamp),
    product_name: product.name,
    product_category: product.category,
    adjustment_type: facts.type,
    quantity_change: facts.change,
    new_stock_level: facts.newLevel,
    reason: facts.reason,
    warehouse_location: product.warehouse,
  });
}
