import { ConfigError } from '../../errors.js';
import {
  ADJUSTMENT_TYPES,
  type AdjustmentType,
  PAYMENT_METHODS,
  SALES_CHANNELS,
  type WineShopEvent,
} from '../../events/wine-shop.js';
import { type DomainGenerator, defineDomain, type GeneratorContext } from '../generator.js';
import { readNumber, readObject, readProbability } from '../options.js';
import { weighted } from '../random.js';
import {
  type WineCatalogue,
  type WineCatalogueOptions,
  type WineProduct,
  wineCatalogue,
} from './catalogue.js';
import { DatedIds } from './dated-ids.js';
import { adjustmentEnvelope, type OrderIntent, orderEnvelope } from './envelopes.js';
import { StockLedger } from './stock-ledger.js';
import { ADJUSTMENT_REASONS, URGENT_RESTOCK_REASON } from './wine-names.js';

/** Options of the wine-shop domain (Les Caves d'Albert, seeds 000 and 003). */
export interface WineShopOptions {
  /** Catalogue size and identity. @default 50 products, 150 customers, catalogue seed 1 */
  readonly catalogue?: WineCatalogueOptions;
  /** Share of ORDER_CREATED among events; the rest are INVENTORY_ADJUSTED. @default 0.7 */
  readonly orderShare?: number;
  /** Probability that an order carries a discount (5, 10, 15 or 20 %). @default 0.25 */
  readonly discountChance?: number;
  /**
   * Relative weights of freely chosen adjustment types. A product at or under a quarter of its par
   * level is always restocked instead.
   * @default { RESTOCK: 3, SALE: 4, LOSS: 1.5, CORRECTION: 1.5 }
   */
  readonly adjustmentWeights?: Partial<Readonly<Record<AdjustmentType, number>>>;
  /**
   * Share of adjustments replaced by a LOSS larger than the stock, driving it negative: only to test
   * a pipeline's negative-stock check. Counted in `stats().negativeStockLosses`.
   * @default 0
   */
  readonly negativeStockRate?: number;
}

const DEFAULT_WEIGHTS: Readonly<Record<AdjustmentType, number>> = {
  RESTOCK: 3,
  SALE: 4,
  LOSS: 1.5,
  CORRECTION: 1.5,
};
// Mostly single bottles and pairs, some cases of six and twelve, as a caviste sells.
const QUANTITIES = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 6, 6, 12];
const DISCOUNTS = [0.05, 0.1, 0.15, 0.2];
// Weights follow the order of the events module's lists: cards dominate, e-commerce leads.
const pickPayment = weighted(PAYMENT_METHODS, [55, 20, 10, 8, 7]);
const pickChannel = weighted(SALES_CHANNELS, [45, 30, 10, 15]);

/**
 * Orders lower the running stock; every INVENTORY_ADJUSTED reports the level after its change, so
 * consecutive adjustments of a product differ by the orders in between plus the change. SALE
 * adjustments are sales outside ORDER_CREATED (wine fairs, trade sales). An order never takes more
 * than the stock: when it would, an urgent RESTOCK is emitted first and the order follows it.
 */
class WineShopGenerator implements DomainGenerator<WineShopEvent> {
  readonly #context: GeneratorContext;
  readonly #catalogue: WineCatalogue;
  readonly #stock: StockLedger;
  readonly #orderShare: number;
  readonly #discountChance: number;
  readonly #negativeStockRate: number;
  readonly #pickAdjustment: (random: GeneratorContext['random']) => AdjustmentType;
  #pendingOrder: OrderIntent | undefined;
  // Each counts its kind for the run: the ids' numbers, and stats().
  readonly #orderIds = new DatedIds('ORD-', 'orders');
  readonly #adjustmentIds = new DatedIds('ADJ-', 'adjustments');
  readonly #counts: Record<AdjustmentType, number> = { RESTOCK: 0, SALE: 0, LOSS: 0, CORRECTION: 0 };
  #urgentRestocks = 0;
  #negativeStockLosses = 0;

  constructor(context: GeneratorContext, options: WineShopOptions) {
    readObject('generator', options);
    this.#context = context;
    this.#catalogue = wineCatalogue(options.catalogue, 'generator.catalogue');
    this.#stock = new StockLedger(this.#catalogue.products);
    this.#orderShare = readProbability('generator.orderShare', options.orderShare, 0.7);
    this.#discountChance = readProbability('generator.discountChance', options.discountChance, 0.25);
    this.#negativeStockRate = readProbability('generator.negativeStockRate', options.negativeStockRate, 0);
    this.#pickAdjustment = weighted(ADJUSTMENT_TYPES, readWeights(options.adjustmentWeights));
  }

  next(): WineShopEvent {
    const pending = this.#pendingOrder;
    if (pending !== undefined) {
      this.#pendingOrder = undefined;
      return this.#order(pending);
    }
    return this.#context.random.next() < this.#orderShare ? this.#orderOrRestock() : this.#adjustment();
  }

  stats(): Readonly<Record<string, number>> {
    return {
      events: this.#orderIds.issued + this.#adjustmentIds.issued,
      orders: this.#orderIds.issued,
      adjustments: this.#adjustmentIds.issued,
      restocks: this.#counts.RESTOCK,
      sales: this.#counts.SALE,
      losses: this.#counts.LOSS,
      corrections: this.#counts.CORRECTION,
      urgentRestocks: this.#urgentRestocks,
      negativeStockLosses: this.#negativeStockLosses,
    };
  }

  #orderOrRestock(): WineShopEvent {
    const { random } = this.#context;
    const { products, customers } = this.#catalogue;
    const intent: OrderIntent = {
      productIndex: random.int(0, products.length - 1),
      customer: random.pick(customers),
      quantity: random.pick(QUANTITIES),
      discount: random.chance(this.#discountChance) ? random.pick(DISCOUNTS) : 0,
      paymentMethod: pickPayment(random),
      salesChannel: pickChannel(random),
    };
    if (this.#stock.level(intent.productIndex) >= intent.quantity) return this.#order(intent);
    this.#pendingOrder = intent;
    this.#urgentRestocks++;
    return this.#adjust(
      intent.productIndex,
      'RESTOCK',
      this.#stock.restockQuantity(intent.productIndex),
      URGENT_RESTOCK_REASON,
    );
  }

  #order(intent: OrderIntent): WineShopEvent {
    this.#stock.apply(intent.productIndex, -intent.quantity);
    return orderEnvelope(this.#context, this.#orderIds, this.#product(intent.productIndex), intent);
  }

  #adjustment(): WineShopEvent {
    const { random } = this.#context;
    const index = random.int(0, this.#catalogue.products.length - 1);
    const level = this.#stock.level(index);
    if (this.#negativeStockRate > 0 && random.chance(this.#negativeStockRate)) {
      this.#negativeStockLosses++;
      return this.#adjust(
        index,
        'LOSS',
        -(Math.max(level, 0) + random.int(1, 5)),
        random.pick(ADJUSTMENT_REASONS.LOSS),
      );
    }
    // Not low means above a quarter of par (at least 6 bottles), so a SALE or LOSS has stock to take.
    const type = this.#stock.isLow(index) ? 'RESTOCK' : this.#pickAdjustment(random);
    const reason = random.pick(ADJUSTMENT_REASONS[type]);
    if (type === 'RESTOCK') return this.#adjust(index, type, this.#stock.restockQuantity(index), reason);
    if (type === 'CORRECTION') {
      const size = random.int(1, 3);
      // A downward correction never counts below zero bottles.
      const change = random.chance(0.5) && level >= size ? -size : size;
      return this.#adjust(index, type, change, reason);
    }
    const most = type === 'SALE' ? 12 : 3;
    return this.#adjust(index, type, -Math.min(level, random.int(1, most)), reason);
  }

  #adjust(index: number, type: AdjustmentType, change: number, reason: string): WineShopEvent {
    this.#counts[type]++;
    const newLevel = this.#stock.apply(index, change);
    return adjustmentEnvelope(this.#context, this.#adjustmentIds, this.#product(index), {
      type,
      change,
      newLevel,
      reason,
    });
  }

  #product(index: number): WineProduct {
    const product = this.#catalogue.products[index];
    if (product === undefined) throw new RangeError(`No product at index ${index}`);
    return product;
  }
}

function readWeights(value: WineShopOptions['adjustmentWeights']): number[] {
  const given = readObject('generator.adjustmentWeights', value);
  for (const key of Object.keys(given)) {
    if (!(ADJUSTMENT_TYPES as readonly string[]).includes(key)) {
      throw new ConfigError(
        `generator.adjustmentWeights.${key}`,
        `one of the keys ${ADJUSTMENT_TYPES.join(', ')}`,
        key,
      );
    }
  }
  const weights = ADJUSTMENT_TYPES.map((type) =>
    readNumber(`generator.adjustmentWeights.${type}`, given[type], DEFAULT_WEIGHTS[type], 0, 1_000_000),
  );
  if (weights.every((weight) => weight === 0)) {
    throw new ConfigError('generator.adjustmentWeights', 'weights with at least one above 0', value);
  }
  return weights;
}

/**
 * The wine-shop domain: ORDER_CREATED and INVENTORY_ADJUSTED over a catalogue of French wines.
 * Orders lower the running stock without an adjustment of their own; each INVENTORY_ADJUSTED
 * carries the level after all orders and adjustments so far (SALE adjustments are sales outside
 * ORDER_CREATED, e.g. wine fairs). An order never exceeds the stock: an urgent RESTOCK comes first.
 *
 * @example
 * const generator = createGenerator(wineShop, { seed: 7, orderShare: 0.8 });
 * generator.take(3).map((event) => event.event_type);
 */
export const wineShop = defineDomain<WineShopEvent, WineShopOptions>({
  name: 'wine-shop',
  description: "Les Caves d'Albert: wine orders and inventory adjustments (seeds 000, 003)",
  // Five minutes between events on average: a few hundred orders a day, so days-of-stock is a
  // meaningful figure against par levels of 24–240 bottles.
  clockDefaults: { startTime: '2025-10-19T08:00:00.000Z', meanIntervalMs: 300_000 },
  create: (context, options) => new WineShopGenerator(context, options),
});
