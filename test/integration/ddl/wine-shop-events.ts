import { randomUUID } from 'node:crypto';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import type { RawEventRow } from '../../../src/warehouse/raw-layout.js';

/** `minutes` before now, as the ISO 8601 UTC text events carry. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** A validated envelope turned into a RAW row the way the sink writes it (parsed event_data as JSON). */
function rawRow(envelope: Record<string, unknown>): RawEventRow {
  const result = wineShopRegistry.parse(envelope);
  if (!result.ok) throw new Error(`invalid fixture: ${JSON.stringify(result.error.issues)}`);
  const { event } = result;
  return {
    eventId: event.event_id,
    eventType: event.event_type,
    eventTimestamp: event.event_timestamp,
    productId: event.product_id,
    customerId: event.customer_id,
    eventData: JSON.stringify(event.event_data),
    eventMetadata: JSON.stringify({ topic: 'sales_events', partition: 0, offset: 0 }),
  };
}

const source = { producer: 'eventflake-test', schema_version: 1 };

export function order(options: {
  orderId: string;
  at: string;
  quantity: number;
  unitPrice: number;
  product?: string;
}): RawEventRow {
  const { orderId, at, quantity, unitPrice } = options;
  return rawRow({
    event_id: randomUUID(),
    event_type: 'ORDER_CREATED',
    event_timestamp: at,
    product_id: options.product ?? 'PROD-001',
    customer_id: 'CUST-00042',
    event_data: {
      order_id: orderId,
      customer_id: 'CUST-00042',
      product_name: '🍷 Château Margaux 2015',
      product_category: 'Rouge',
      quantity,
      unit_price: unitPrice,
      discount: 0,
      total_amount: Math.round(quantity * unitPrice * 100) / 100,
      payment_method: 'CARTE_BANCAIRE',
      sales_channel: 'E-com',
      bottle_size_liters: 0.75,
      shipping_address: '123 Rue de la Paix, 75002 Paris',
    },
    source,
  });
}

export function adjustment(options: {
  adjustmentId: string;
  at: string;
  product: string;
  change: number;
  level: number;
}): RawEventRow {
  return rawRow({
    event_id: randomUUID(),
    event_type: 'INVENTORY_ADJUSTED',
    event_timestamp: options.at,
    product_id: options.product,
    event_data: {
      adjustment_id: options.adjustmentId,
      product_name: '🥂 Moët & Chandon Brut Imperial',
      product_category: 'Effervescent',
      adjustment_type: options.change > 0 ? 'RESTOCK' : 'SALE',
      quantity_change: options.change,
      new_stock_level: options.level,
      reason: 'Réapprovisionnement hebdomadaire',
      warehouse_location: 'Entrepôt Paris Nord',
    },
    source,
  });
}

/** A row as a careless writer might land it: fields edited after validation. */
export function tampered(row: RawEventRow, edit: (data: Record<string, unknown>) => void): RawEventRow {
  const data = JSON.parse(row.eventData) as Record<string, unknown>;
  edit(data);
  return { ...row, eventData: JSON.stringify(data) };
}
