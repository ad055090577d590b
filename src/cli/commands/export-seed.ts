import { Command, Option } from 'commander';
import { exportSeed } from '../../generate/export-seed.js';
import { startOption, wholeNumber } from '../options.js';
import { action, type ExitCode } from '../run.js';

export interface ExportSeedCommandOptions {
  readonly customers: number;
  readonly products: number;
  readonly orders: number;
  readonly seed: number;
  readonly out: string;
  readonly start?: string;
}

/**
 * `eventflake export-seed`: customers.csv, inventory.csv and orders.csv for the dropshipping demo
 * (seed 002's export_seed.py options). orders.csv replays with `eventflake produce --replay`.
 *
 * @example
 * eventflake export-seed --customers 1000 --products 200 --orders 5000 --seed 42 --out data/seed
 */
export function exportSeedCommand(): Command {
  return new Command('export-seed')
    .description('write customers.csv, inventory.csv and orders.csv (the dropshipping seed data)')
    .addOption(
      new Option('--customers <n>', 'customers to write').argParser(wholeNumber(1, 999_999)).default(1000),
    )
    .addOption(
      new Option('--products <n>', 'products to write').argParser(wholeNumber(1, 999_999)).default(200),
    )
    .addOption(new Option('--orders <n>', 'orders to write').argParser(wholeNumber(0, 999_999)).default(5000))
    .addOption(
      new Option('--seed <n>', 'seed of the catalogue and the orders').argParser(wholeNumber(0)).default(42),
    )
    .addOption(new Option('--out <dir>', 'folder to create and write into').default('data/seed'))
    .addOption(startOption())
    .action(action(runExportSeed));
}

/** Runs `export-seed`; resolves with the exit code. */
export async function runExportSeed(options: ExportSeedCommandOptions): Promise<ExitCode> {
  const { files, counts } = await exportSeed({
    customers: options.customers,
    products: options.products,
    orders: options.orders,
    seed: options.seed,
    outDir: options.out,
    ...(options.start === undefined ? {} : { startTime: options.start }),
  });
  process.stdout.write(
    `${files.customers}: ${counts.customers} customers\n` +
      `${files.inventory}: ${counts.inventory} products\n` +
      `${files.orders}: ${counts.orders} orders\n`,
  );
  return 0;
}
