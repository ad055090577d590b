import { WINE_CATEGORIES, type WineCategory } from '../../events/wine-shop.js';
import { type Catalogue, type CatalogueOptions, catalogueLoader } from '../catalogue-loader.js';
import { frenchFaker, frenchPerson } from '../french-faker.js';
import { sequenceId } from '../ids.js';
import { Random, weighted } from '../random.js';
import { CATEGORY_STYLES, WAREHOUSES } from './wine-names.js';

/** One bottle reference of Les Caves d'Albert. */
export interface WineProduct {
  /** `PROD-001`… */
  readonly id: string;
  /** Category emoji, house, appellation and vintage, e.g. `🍷 Château Lefèvre Margaux 2015`. */
  readonly name: string;
  readonly category: WineCategory;
  /** Euros, two decimals. */
  readonly unitPrice: number;
  readonly bottleSizeLiters: number;
  /** Where this reference is stocked (one warehouse per reference). */
  readonly warehouse: string;
  /** Opening stock and the level restocks bring it back to. */
  readonly parLevel: number;
}

/** One customer; `shippingAddress` is a French postal address. */
export interface WineCustomer {
  /** `CUST-00001`… */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly city: string;
  readonly country: string;
  readonly shippingAddress: string;
}

export type WineCatalogue = Catalogue<WineProduct, WineCustomer>;

/** Wine-shop catalogue size and identity: 50 products and 150 customers by default. */
export type WineCatalogueOptions = CatalogueOptions;

const pickCategory = weighted(
  WINE_CATEGORIES,
  WINE_CATEGORIES.map((category) => CATEGORY_STYLES[category].weight),
);

/**
 * Build (or reuse) the wine catalogue. Product i depends only on the seed and i, so growing the
 * catalogue keeps the first products unchanged.
 *
 * @example
 * const { products, customers } = wineCatalogue({ products: 50, customers: 150 });
 * products[0]?.id; // => 'PROD-001'
 */
export function wineCatalogue(options: WineCatalogueOptions = {}, field = 'catalogue'): WineCatalogue {
  return loadCatalogue(options, field);
}

const loadCatalogue = catalogueLoader(
  { products: 50, customers: 150, maxProducts: 999_999, maxCustomers: 9_999_999 },
  buildProducts,
  buildCustomers,
);

function buildProducts(count: number, seed: number): WineProduct[] {
  const faker = frenchFaker(seed, 1);
  const random = new Random(seed, 11);
  const names = new Set<string>();
  const products: WineProduct[] = [];
  for (let i = 1; i <= count; i++) {
    const category = pickCategory(random);
    const style: (typeof CATEGORY_STYLES)[WineCategory] = CATEGORY_STYLES[category];
    let name = '';
    // Re-draw on a clash: product names are shown side by side in dashboards.
    for (let attempt = 0; attempt < 8 && (name === '' || names.has(name)); attempt++) {
      const vintage = style.vintage ? ` ${random.int(1998, 2022)}` : '';
      name = `${style.emoji} ${random.pick(style.houses)} ${faker.person.lastName()} ${random.pick(style.labels)}${vintage}`;
    }
    if (names.has(name)) name = `${name} (${i})`;
    names.add(name);
    const unitPrice = bottlePrice(random, style.price[0], style.price[1]);
    products.push(
      Object.freeze({
        id: sequenceId('PROD-', i, 3),
        name,
        category,
        unitPrice,
        bottleSizeLiters: random.pick(style.bottleSizes),
        warehouse: random.pick(WAREHOUSES),
        // Dear bottles are stocked thinner; round to cases of six.
        parLevel: Math.min(240, Math.max(24, Math.round(1500 / Math.sqrt(unitPrice) / 6) * 6)),
      }),
    );
  }
  return products;
}

/** Log-uniform price (cheap bottles are commoner), ending in .90 under 100 €, whole euros above. */
function bottlePrice(random: Random, min: number, max: number): number {
  const raw = Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)));
  return raw < 100 ? Math.floor(raw) + 0.9 : Math.round(raw);
}

function buildCustomers(count: number, seed: number): WineCustomer[] {
  const faker = frenchFaker(seed, 2);
  const customers: WineCustomer[] = [];
  for (let i = 1; i <= count; i++) {
    const person = frenchPerson(faker);
    customers.push(
      Object.freeze({
        id: sequenceId('CUST-', i, 5),
        name: person.name,
        email: person.email,
        city: person.city,
        country: 'France',
        shippingAddress: person.address,
      }),
    );
  }
  return customers;
}
