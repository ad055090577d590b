import { readInt, readObject } from './options.js';

/** Products and customers of one domain, immutable. */
export interface Catalogue<P, C> {
  readonly products: readonly P[];
  readonly customers: readonly C[];
}

/** The `catalogue` option of a domain; each domain documents its own defaults. */
export interface CatalogueOptions {
  /** Number of products. */
  readonly products?: number;
  /** Number of customers. */
  readonly customers?: number;
  /**
   * Seed of the catalogue, separate from the event seed so that PROD-001 is the same product in
   * every run and dimension tables stay stable across runs.
   * @default 1
   */
  readonly seed?: number;
}

/** Defaults and upper bounds (id widths) of one domain's catalogue. */
export interface CatalogueLimits {
  readonly products: number;
  readonly customers: number;
  readonly maxProducts: number;
  readonly maxCustomers: number;
}

const CACHE_LIMIT = 16;

/**
 * Make a loader that validates a `catalogue` option, builds the products and customers, freezes
 * them and memoises the result: catalogues are immutable, building one calls faker hundreds of
 * times, and tests create many generators over the same catalogue.
 *
 * @example
 * const load = catalogueLoader(
 *   { products: 50, customers: 150, maxProducts: 999, maxCustomers: 99_999 }, buildProducts, buildCustomers);
 * load({ products: 10 }, 'catalogue').products.length; // => 10
 */
export function catalogueLoader<P, C>(
  limits: CatalogueLimits,
  buildProducts: (count: number, seed: number) => P[],
  buildCustomers: (count: number, seed: number) => C[],
): (options: CatalogueOptions | undefined, field: string) => Catalogue<P, C> {
  const cache = new Map<string, Catalogue<P, C>>();
  return (options, field) => {
    readObject(field, options);
    const products = readInt(`${field}.products`, options?.products, limits.products, 1, limits.maxProducts);
    const customers = readInt(
      `${field}.customers`,
      options?.customers,
      limits.customers,
      1,
      limits.maxCustomers,
    );
    const seed = readInt(`${field}.seed`, options?.seed, 1, 0, 4_294_967_295);
    const key = `${seed}:${products}:${customers}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const catalogue = Object.freeze({
      products: Object.freeze(buildProducts(products, seed)),
      customers: Object.freeze(buildCustomers(customers, seed)),
    });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, catalogue);
    return catalogue;
  };
}
