/** Valid wine-shop envelopes for sink tests, distinct per index and stable across runs. */

export function eventId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function orderEvent(i: number): Record<string, unknown> {
  const quantity = (i % 5) + 1;
  const unitPrice = 12.5;
  return {
    event_id: eventId(i),
    event_type: 'ORDER_CREATED',
    event_timestamp: '2026-11-23T10:15:00.000Z',
    product_id: `PROD-${String((i % 50) + 1).padStart(3, '0')}`,
    customer_id: 'CUST-00042',
    event_data: {
      order_id: `ORD-20261123-${String(i % 1_000_000).padStart(6, '0')}`,
      customer_id: 'CUST-00042',
      product_name: '🍷 Château Margaux 2015',
      product_category: 'Rouge',
      quantity,
      unit_price: unitPrice,
      discount: 0,
      total_amount: quantity * unitPrice,
      payment_method: 'CARTE_BANCAIRE',
      sales_channel: 'E-com',
      bottle_size_liters: 0.75,
      shipping_address: '12 rue des Vignes, 33000 Bordeaux',
    },
    source: { producer: 'sink-test', schema_version: 1 },
  };
}

/** An event of a known type whose quantity breaks the schema. */
export function invalidOrderEvent(i: number): Record<string, unknown> {
  const event = orderEvent(i);
  return { ...event, event_data: { ...(event.event_data as object), quantity: -3 } };
}

/** `count` valid events numbered from `from`. */
export function orderEvents(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => orderEvent(from + i));
}
