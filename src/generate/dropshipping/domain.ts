import type { DropshippingOrderEvent } from '../../events/dropshipping.js';
import { generatedEnvelope } from '../generated-envelope.js';
import { type DomainGenerator, defineDomain, type GeneratorContext } from '../generator.js';
import { sequenceId } from '../ids.js';
import { readInt, readObject } from '../options.js';
import { isoTimestamp } from '../sim-clock.js';
import { type ShopCatalogue, type ShopCatalogueOptions, shopCatalogue } from './catalogue.js';

/** Options of the dropshipping domain (seed 002). */
export interface DropshippingOptions {
  /** Catalogue size and identity. @default 1000 customers, 200 products, catalogue seed 1 */
  readonly catalogue?: ShopCatalogueOptions;
  /** Largest quantity of one order line (from 1). @default 5 */
  readonly maxQuantity?: number;
}

/**
 * Orders only: the supplier ships from its own stock, so this domain keeps no ledger; ids always
 * point into the catalogue and the unit price is the product's.
 */
class DropshippingGenerator implements DomainGenerator<DropshippingOrderEvent> {
  readonly #context: GeneratorContext;
  readonly #catalogue: ShopCatalogue;
  readonly #maxQuantity: number;
  #orders = 0;

  constructor(context: GeneratorContext, options: DropshippingOptions) {
    readObject('generator', options);
    this.#context = context;
    this.#catalogue = shopCatalogue(options.catalogue, 'generator.catalogue');
    this.#maxQuantity = readInt('generator.maxQuantity', options.maxQuantity, 5, 1, 1000);
  }

  next(): DropshippingOrderEvent {
    const { random, clock } = this.#context;
    const customer = random.pick(this.#catalogue.customers);
    const product = random.pick(this.#catalogue.products);
    const soldAt = isoTimestamp(clock.tick());
    this.#orders++;
    const order = {
      id: sequenceId('ORDER_', this.#orders, 6),
      customer_id: customer.id,
      product_id: product.id,
      quantity: random.int(1, this.#maxQuantity),
      unit_price: product.price,
      sold_at: soldAt,
    };
    return generatedEnvelope(random.uuid(), 'order_created', soldAt, product.id, customer.id, { order });
  }

  stats(): Readonly<Record<string, number>> {
    return { events: this.#orders, orders: this.#orders };
  }
}

/**
 * The dropshipping domain of seed 002: `order_created` events over a clothing catalogue.
 *
 * @example
 * const generator = createGenerator(dropshipping, { seed: 42 });
 * generator.next().event_data.order.id; // => 'ORDER_000001'
 */
export const dropshipping = defineDomain<DropshippingOrderEvent, DropshippingOptions>({
  name: 'dropshipping',
  description: 'Dropshipping orders over a clothing catalogue (seed 002)',
  // About 5,000 orders over 2024, the volume of seed 002's export.
  clockDefaults: { startTime: '2024-01-01T00:00:00.000Z', meanIntervalMs: 6_300_000 },
  create: (context, options) => new DropshippingGenerator(context, options),
});
