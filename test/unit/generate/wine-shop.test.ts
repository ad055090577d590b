import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { expectedTotal } from '../../../src/events/money.js';
import { type WineShopEvent, wineShopRegistry } from '../../../src/events/wine-shop.js';
import { createGenerator, wineCatalogue, wineShop } from '../../../src/generate/index.js';

const serialize = (events: readonly unknown[]) => events.map((event) => JSON.stringify(event)).join('\n');

/**
 * Replays the stock a consumer would compute from the events alone and lists every departure from
 * the rules: unknown product, order above stock, reported level not the running level, negative stock.
 */
function checkLedger(events: readonly WineShopEvent[], options: { allowNegative: boolean }) {
  const levels = new Map(wineCatalogue().products.map((product) => [product.id, product.parLevel]));
  const problems: string[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  events.forEach((event, index) => {
    const id = event.product_id ?? '';
    const before = levels.get(id);
    if (before === undefined) problems.push(`#${index}: unknown product ${id}`);
    let after = before ?? 0;
    if (event.event_type === 'ORDER_CREATED') {
      if (event.event_data.quantity > after)
        problems.push(`#${index}: sells ${event.event_data.quantity} of ${after}`);
      after -= event.event_data.quantity;
    } else {
      after += event.event_data.quantity_change;
      if (event.event_data.new_stock_level !== after) {
        problems.push(`#${index}: reports ${event.event_data.new_stock_level}, running level is ${after}`);
      }
    }
    if (!options.allowNegative && after < 0) problems.push(`#${index}: stock ${after}`);
    lowest = Math.min(lowest, after);
    levels.set(id, after);
  });
  expect(problems).toEqual([]);
  return lowest;
}

describe('wine-shop generator', () => {
  it('gives a byte-identical stream for the same seed and a different one for another seed', () => {
    const a = serialize(createGenerator(wineShop, { seed: 123 }).take(3000));
    const b = serialize(createGenerator(wineShop, { seed: 123 }).take(3000));
    const c = serialize(createGenerator(wineShop, { seed: 124 }).take(3000));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('draws a random seed when none is given and exposes it for reproduction', () => {
    const first = createGenerator(wineShop);
    const again = createGenerator(wineShop, { seed: first.seed });
    expect(serialize(again.take(50))).toBe(serialize(first.take(50)));
  });

  it('references only catalogue products and customers, with their names, prices and addresses', () => {
    const { products, customers } = wineCatalogue();
    const productById = new Map(products.map((product) => [product.id, product]));
    const customerById = new Map(customers.map((customer) => [customer.id, customer]));
    for (const event of createGenerator(wineShop, { seed: 5 }).take(5000)) {
      const product = productById.get(event.product_id ?? '');
      expect(product).toBeDefined();
      expect(event.event_data.product_name).toBe(product?.name);
      expect(event.event_data.product_category).toBe(product?.category);
      if (event.event_type === 'ORDER_CREATED') {
        const customer = customerById.get(event.customer_id ?? '');
        expect(customer).toBeDefined();
        expect(event.event_data.customer_id).toBe(event.customer_id);
        expect(event.event_data.unit_price).toBe(product?.unitPrice);
        expect(event.event_data.shipping_address).toBe(customer?.shippingAddress);
        expect(event.event_data.total_amount).toBe(
          expectedTotal(event.event_data.quantity, event.event_data.unit_price, event.event_data.discount),
        );
      } else {
        expect(event.customer_id).toBeNull();
        expect(event.event_data.warehouse_location).toBe(product?.warehouse);
      }
    }
  });

  it('reports the running stock level in every adjustment and never goes below zero', () => {
    const generator = createGenerator(wineShop, { seed: 77 });
    const events = generator.take(30_000);
    checkLedger(events, { allowNegative: false });
    expect(generator.stats().negativeStockLosses).toBe(0);
    // Orders that found too little stock were preceded by an urgent restock.
    expect(generator.stats().urgentRestocks).toBeGreaterThan(0);
  });

  it('drives stock negative only when a negative LOSS is asked for, and counts each one', () => {
    const generator = createGenerator(wineShop, { seed: 3, negativeStockRate: 0.2 });
    const events = generator.take(5000);
    const lowest = checkLedger(events, { allowNegative: true });
    expect(lowest).toBeLessThan(0);
    const negativeLosses = events.filter(
      (event) =>
        event.event_type === 'INVENTORY_ADJUSTED' &&
        event.event_data.adjustment_type === 'LOSS' &&
        event.event_data.new_stock_level < 0,
    ).length;
    expect(generator.stats().negativeStockLosses).toBe(negativeLosses);
  });

  it('keeps the default 70/30 mix and 25 % discount chance on a large run', () => {
    const events = createGenerator(wineShop, { seed: 2024 }).take(50_000);
    const orders = events.filter((event) => event.event_type === 'ORDER_CREATED');
    expect(Math.abs(orders.length / events.length - 0.7)).toBeLessThan(0.015);
    const discounted = orders.filter((event) => event.event_data.discount > 0).length;
    expect(Math.abs(discounted / orders.length - 0.25)).toBeLessThan(0.015);
  });

  it('follows a configured mix and adjustment weights', () => {
    const events = createGenerator(wineShop, {
      seed: 8,
      orderShare: 0.4,
      adjustmentWeights: { SALE: 0, LOSS: 0, CORRECTION: 1, RESTOCK: 1 },
    }).take(20_000);
    const orders = events.filter((event) => event.event_type === 'ORDER_CREATED').length;
    expect(Math.abs(orders / events.length - 0.4)).toBeLessThan(0.02);
    const types = new Set(
      events.flatMap((event) =>
        event.event_type === 'INVENTORY_ADJUSTED' ? [event.event_data.adjustment_type] : [],
      ),
    );
    expect(types).toEqual(new Set(['RESTOCK', 'CORRECTION']));
  });

  it('produces strictly increasing timestamps from the start time, unique ids and valid events', () => {
    const events = createGenerator(wineShop, { seed: 11, startTime: '2026-01-01T00:00:00Z' }).take(2000);
    expect(events[0]?.event_timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(events[0]?.source).toEqual({ producer: 'eventflake-generator', schema_version: 1 });
    for (let i = 1; i < events.length; i++) {
      expect(Date.parse(events[i]?.event_timestamp ?? '')).toBeGreaterThan(
        Date.parse(events[i - 1]?.event_timestamp ?? ''),
      );
    }
    expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
    for (const event of events) expect(wineShopRegistry.parse(event)).toMatchObject({ ok: true });
  });

  it('names wines in French with their category emoji', () => {
    const emoji = { Rouge: '🍷', Blanc: '🥂', Rosé: '🌸', Effervescent: '🍾', Spiritueux: '🥃' };
    const { products } = wineCatalogue();
    expect(products).toHaveLength(50);
    expect(products[0]?.id).toBe('PROD-001');
    for (const product of products) expect(product.name.startsWith(emoji[product.category])).toBe(true);
    expect(new Set(products.map((product) => product.name)).size).toBe(products.length);
    expect(wineCatalogue().customers).toHaveLength(150);
  });

  it('keeps product i the same when the catalogue grows', () => {
    const small = wineCatalogue({ products: 20, seed: 4 }).products;
    const large = wineCatalogue({ products: 60, seed: 4 }).products;
    expect(large.slice(0, 20)).toEqual(small);
  });

  it('rejects bad options with a ConfigError naming the field', () => {
    expect(() => createGenerator(wineShop, { orderShare: 1.5 })).toThrow(ConfigError);
    expect(() => createGenerator(wineShop, { orderShare: 1.5 })).toThrow(/`generator.orderShare`/);
    expect(() => createGenerator(wineShop, { seed: -1 })).toThrow(/`generator.seed`/);
    expect(() => createGenerator(wineShop, { startTime: '2025-10-19 08:00' })).toThrow(
      /`generator.startTime`/,
    );
    expect(() => createGenerator(wineShop, { catalogue: { products: 0 } })).toThrow(
      /`generator.catalogue.products`/,
    );
    expect(() =>
      createGenerator(wineShop, { adjustmentWeights: { RESTOCK: 0, SALE: 0, LOSS: 0, CORRECTION: 0 } }),
    ).toThrow(/`generator.adjustmentWeights`/);
    // @ts-expect-error an unknown adjustment type is a typo worth reporting
    expect(() => createGenerator(wineShop, { adjustmentWeights: { THEFT: 1 } })).toThrow(
      /`generator.adjustmentWeights.THEFT`/,
    );
  });
});
