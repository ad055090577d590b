import { type Catalogue, type CatalogueOptions, catalogueLoader } from '../catalogue-loader.js';
import { frenchFaker, frenchPerson } from '../french-faker.js';
import { sequenceId } from '../ids.js';
import { Random } from '../random.js';

/** A customer row of seed 002's customers.csv. */
export interface ShopCustomer {
  /** `CUST_000001`… */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly city: string;
  readonly country: string;
}

/** A product row of seed 002's inventory.csv (clothing). */
export interface ShopProduct {
  /** `PROD_000001`… */
  readonly id: string;
  readonly product_name: string;
  readonly category: string;
  /** Euros, two decimals, 10–200. */
  readonly price: number;
  /** Units the supplier reports in stock, 0–100. */
  readonly stock_quantity: number;
}

export type ShopCatalogue = Catalogue<ShopProduct, ShopCustomer>;

/** Dropshipping catalogue size and identity: 200 products and 1000 customers by default. */
export type ShopCatalogueOptions = CatalogueOptions;

const ARTICLES: Readonly<Record<string, readonly string[]>> = {
  'T-shirts': ['T-shirt col rond', 'T-shirt col V', 'Débardeur', 'T-shirt oversize'],
  Pantalons: ['Jean slim', 'Chino', 'Pantalon cargo', 'Pantalon de costume'],
  Robes: ['Robe portefeuille', 'Robe longue', 'Robe chemise', 'Robe midi plissée'],
  Vestes: ['Veste en jean', 'Blazer', 'Doudoune légère', 'Trench'],
  Chaussures: ['Baskets', 'Mocassins', 'Bottines', 'Sandales'],
  Accessoires: ['Écharpe', 'Ceinture en cuir', 'Casquette', 'Sac cabas'],
  'Sous-vêtements': ['Boxer', 'Brassière', 'Chaussettes (lot de 3)', 'Culotte'],
  'Maillots de bain': ['Maillot une pièce', 'Bikini', 'Short de bain'],
};
const CATEGORIES = Object.keys(ARTICLES);

/**
 * Build (or reuse) the dropshipping catalogue of seed 002: clothing products and French customers.
 *
 * @example
 * shopCatalogue({ customers: 100, products: 50 }).products[0]?.id; // => 'PROD_000001'
 */
export function shopCatalogue(options: ShopCatalogueOptions = {}, field = 'catalogue'): ShopCatalogue {
  return loadCatalogue(options, field);
}

const loadCatalogue = catalogueLoader(
  { products: 200, customers: 1000, maxProducts: 999_999, maxCustomers: 999_999 },
  buildProducts,
  buildCustomers,
);

function buildCustomers(count: number, seed: number): ShopCustomer[] {
  const faker = frenchFaker(seed, 3);
  return Array.from({ length: count }, (_, i) => {
    const person = frenchPerson(faker);
    return Object.freeze({
      id: sequenceId('CUST_', i + 1, 6),
      name: person.name,
      email: person.email,
      city: person.city,
      country: 'France',
    });
  });
}

function buildProducts(count: number, seed: number): ShopProduct[] {
  const faker = frenchFaker(seed, 4);
  const random = new Random(seed, 12);
  return Array.from({ length: count }, (_, i) => {
    const category = random.pick(CATEGORIES);
    const article = random.pick(ARTICLES[category] ?? CATEGORIES);
    return Object.freeze({
      id: sequenceId('PROD_', i + 1, 6),
      product_name: `${article} ${faker.color.human()}`,
      category,
      price: Math.round((10 + random.next() * 190) * 100) / 100,
      stock_quantity: random.int(0, 100),
    });
  });
}
