import type { WineShopEvent } from '../../../../src/events/wine-shop.js';

/** What PRODUCTION must hold, computed in plain TypeScript from the events alone. */
export interface ExpectedProduction {
  readonly orders: number;
  /** Sum of TOTAL_AMOUNT over distinct orders, in cents, as an exact integer. */
  readonly revenueCents: number;
  /** PRODUCT_ID → new_stock_level of its latest adjustment by event time. */
  readonly stock: Readonly<Record<string, number>>;
}

/**
 * Distinct orders, their revenue to the cent, and each product's stock after its newest adjustment.
 * Delivery order does not matter: a late event never replaces a newer one. Equal event times are
 * broken by the higher EVENT_ID, as the MERGE's ROW_NUMBER() does.
 *
 * @example
 * expectedProduction(run.delivered).orders; // 71_932
 */
export function expectedProduction(events: readonly WineShopEvent[]): ExpectedProduction {
  const orders = new Map<string, number>();
  const latest = new Map<string, { at: string; id: string; level: number }>();
  for (const event of events) {
    if (event.event_type === 'ORDER_CREATED') {
      // Money arrives as a 2-decimal JSON number: cents as an integer keep the sum exact.
      orders.set(event.event_data.order_id, Math.round(event.event_data.total_amount * 100));
      continue;
    }
    const product = String(event.product_id);
    const seen = latest.get(product);
    // ISO 8601 UTC text of one width sorts like the instant it names.
    const newer =
      seen === undefined ||
      event.event_timestamp > seen.at ||
      (event.event_timestamp === seen.at && event.event_id > seen.id);
    if (newer) {
      latest.set(product, {
        at: event.event_timestamp,
        id: event.event_id,
        level: event.event_data.new_stock_level,
      });
    }
  }
  let revenueCents = 0;
  for (const cents of orders.values()) revenueCents += cents;
  const stock = Object.fromEntries([...latest].map(([product, { level }]) => [product, level]));
  return { orders: orders.size, revenueCents, stock };
}

/**
 * Late adjustments that land after a newer adjustment of the same product was already processed in
 * an earlier slice: the cases where a pipeline that overwrote blindly would end with a stale level.
 */
export function staleOverwriteHazards(sliced: readonly (readonly WineShopEvent[])[]): number {
  const processed = new Map<string, string>();
  let hazards = 0;
  for (const slice of sliced) {
    const adjustments = slice.filter((e) => e.event_type === 'INVENTORY_ADJUSTED');
    for (const event of adjustments) {
      const newest = processed.get(String(event.product_id));
      if (newest !== undefined && event.event_timestamp < newest) hazards += 1;
    }
    for (const event of adjustments) {
      const product = String(event.product_id);
      const newest = processed.get(product);
      if (newest === undefined || event.event_timestamp > newest)
        processed.set(product, event.event_timestamp);
    }
  }
  return hazards;
}
