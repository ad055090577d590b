import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type CsvCell, writeCsv } from './csv-writer.js';
import { shopCatalogue } from './dropshipping/catalogue.js';
import { dropshipping } from './dropshipping/domain.js';
import { createGenerator } from './generator.js';
import { readInt, readObject, readPositive, readString, readTime } from './options.js';
import { ORDER_CSV_COLUMNS } from './replay/orders-csv.js';

/** Options of {@link exportSeed}, after seed 002's export_seed.py. */
export interface ExportSeedOptions {
  /** Customers to write. @default 1000 */
  readonly customers?: number;
  /** Products to write. @default 200 */
  readonly products?: number;
  /** Orders to write (each references an exported customer and product). @default 5000 */
  readonly orders?: number;
  /** Seed of the catalogue and the orders. @default 42 */
  readonly seed?: number;
  /** Folder to create and write into. @default 'data/seed' */
  readonly outDir?: string;
  /** sold_at of the first order. @default '2024-01-01T00:00:00.000Z' */
  readonly startTime?: Date | string | number;
  /** Mean gap between orders in ms. @default a gap that spreads the orders over one year (2024 by default) */
  readonly meanIntervalMs?: number;
}

/** Where the export went and how many rows each file holds. */
export interface ExportSeedResult {
  readonly files: { readonly customers: string; readonly inventory: string; readonly orders: string };
  readonly counts: { readonly customers: number; readonly inventory: number; readonly orders: number };
}

export const CUSTOMER_CSV_COLUMNS = ['id', 'name', 'email', 'city', 'country'] as const;
export const INVENTORY_CSV_COLUMNS = ['id', 'product_name', 'category', 'price', 'stock_quantity'] as const;

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Write customers.csv, inventory.csv and orders.csv (seed 002's columns) for the dropshipping demo.
 * orders.csv can be fed back to {@link replayCsv}.
 *
 * @example
 * const { files } = await exportSeed({ customers: 100, products: 20, orders: 500, seed: 42, outDir: 'data/seed' });
 */
export async function exportSeed(options: ExportSeedOptions = {}): Promise<ExportSeedResult> {
  readObject('exportSeed', options);
  const customers = readInt('exportSeed.customers', options.customers, 1000, 1, 999_999);
  const products = readInt('exportSeed.products', options.products, 200, 1, 999_999);
  const orders = readInt('exportSeed.orders', options.orders, 5000, 0, 999_999);
  const seed = readInt('exportSeed.seed', options.seed, 42, 0, 4_294_967_295);
  const outDir = readString('exportSeed.outDir', options.outDir, 'data/seed');
  const startTime = readTime('exportSeed.startTime', options.startTime, '2024-01-01T00:00:00.000Z');
  // n exponential gaps sum to n·m ± √n·m: leaving four deviations of room keeps the orders inside
  // the year (seed 002 spreads them over 2024) while still covering most of it.
  const meanIntervalMs =
    readPositive('exportSeed.meanIntervalMs', options.meanIntervalMs) ??
    YEAR_MS / (orders + 4 * Math.sqrt(orders) + 1);

  const catalogueOptions = { customers, products, seed };
  // Same options, same memoised catalogue: the orders reference exactly the rows written here.
  const catalogue = shopCatalogue(catalogueOptions);
  const generator = createGenerator(dropshipping, {
    seed,
    startTime,
    meanIntervalMs,
    catalogue: catalogueOptions,
  });
  await mkdir(outDir, { recursive: true });
  const files = {
    customers: join(outDir, 'customers.csv'),
    inventory: join(outDir, 'inventory.csv'),
    orders: join(outDir, 'orders.csv'),
  };
  const counts = {
    customers: await writeCsv(
      files.customers,
      CUSTOMER_CSV_COLUMNS,
      rowsOf(catalogue.customers, CUSTOMER_CSV_COLUMNS),
    ),
    inventory: await writeCsv(
      files.inventory,
      INVENTORY_CSV_COLUMNS,
      rowsOf(catalogue.products, INVENTORY_CSV_COLUMNS),
    ),
    orders: await writeCsv(files.orders, ORDER_CSV_COLUMNS, orderRows(generator, orders)),
  };
  return { files, counts };
}

function* rowsOf<R, K extends keyof R & string>(
  records: readonly R[],
  columns: readonly K[],
): Generator<CsvCell[]> {
  for (const record of records) yield columns.map((column) => cell(record[column]));
}

function* orderRows(
  generator: { next(): { event_data: { order: Record<string, unknown> } } },
  count: number,
) {
  for (let i = 0; i < count; i++) {
    const { order } = generator.next().event_data;
    yield ORDER_CSV_COLUMNS.map((column) => cell(order[column]));
  }
}

function cell(value: unknown): CsvCell {
  return typeof value === 'number' ? value : String(value);
}
