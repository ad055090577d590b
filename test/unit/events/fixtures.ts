import type { ParseIssue, ParseResult } from '../../../src/events/index.js';

/** A mutable copy of an event, so a test can break one field. */
export type Json = Record<string, unknown> & { event_data: Record<string, unknown> };

export function validOrder(): Json {
  return {
    event_id: '3b241101-e2bb-4255-8caf-4136c566a962',
    event_type: 'ORDER_CREATED',
    event_timestamp: '2026-11-23T10:15:00.000Z',
    product_id: 'PROD-001',
    customer_id: 'CUST-00042',
    event_data: {
      order_id: 'ORD-20251019-123456',
      customer_id: 'CUST-00042',
      product_name: '🍷 Château Margaux 2015',
      product_category: 'Rouge',
      quantity: 6,
      unit_price: 18.5,
      discount: 0.15,
      total_amount: 94.35,
      payment_method: 'CARTE_BANCAIRE',
      sales_channel: 'E-com',
      bottle_size_liters: 0.75,
      shipping_address: '123 Rue de la Paix, 75002 Paris',
    },
    source: { producer: 'eventflake-generator', schema_version: 1 },
  };
}

export function validAdjustment(): Json {
  return {
    event_id: '9f4c2a53-6d1e-4b8a-a0c7-2e5b8d3f1a90',
    event_type: 'INVENTORY_ADJUSTED',
    event_timestamp: '2026-11-23T10:16:30.250Z',
    product_id: 'PROD-014',
    customer_id: null,
    event_data: {
      adjustment_id: 'ADJ-20251019-789012',
      product_name: '🥂 Moët & Chandon Brut Imperial',
      product_category: 'Effervescent',
      adjustment_type: 'RESTOCK',
      quantity_change: 50,
      new_stock_level: 250,
      reason: 'Réapprovisionnement hebdomadaire',
      warehouse_location: 'Entrepôt Paris Nord',
    },
    source: { producer: 'eventflake-generator', schema_version: 1 },
  };
}

export function validDropshippingOrder(): Json {
  return {
    event_id: '0b7e8c2e-3f3a-4d52-9a8f-6c1d2e3f4a5b',
    event_type: 'order_created',
    event_timestamp: '2024-06-01T08:00:00Z',
    product_id: 'PROD_000017',
    customer_id: 'CUST_000001',
    event_data: {
      order: {
        id: 'ORDER_000001',
        customer_id: 'CUST_000001',
        product_id: 'PROD_000017',
        quantity: 3,
        unit_price: 59.9,
        sold_at: '2024-05-31T21:14:05Z',
      },
    },
    source: { producer: 'eventflake-generator', schema_version: 1 },
  };
}

/** The issues of a failed result; fails the test when the result is a success. */
export function issuesOf(result: ParseResult<unknown>): readonly ParseIssue[] {
  if (result.ok) throw new Error('expected the event to be rejected, but it parsed');
  return result.error.issues;
}

/** `code@path` of each issue, for compact assertions. */
export function codesOf(result: ParseResult<unknown>): string[] {
  return issuesOf(result).map((issue) => `${issue.code}@${issue.path.join('.')}`);
}
