import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { exportSeed, replayCsv } from '../../../src/generate/index.js';
import { collect } from './support.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventflake-seed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (file: string) => (await readFile(file, 'utf8')).trimEnd().split('\n');

describe('exportSeed', () => {
  it("writes seed 002's three CSVs with their headers and the asked counts", async () => {
    const outDir = join(dir, 'data', 'seed');
    const result = await exportSeed({ customers: 30, products: 12, orders: 200, seed: 42, outDir });
    expect(result.counts).toEqual({ customers: 30, inventory: 12, orders: 200 });
    const customers = await lines(result.files.customers);
    const inventory = await lines(result.files.inventory);
    const orders = await lines(result.files.orders);
    expect(customers[0]).toBe('id,name,email,city,country');
    expect(inventory[0]).toBe('id,product_name,category,price,stock_quantity');
    expect(orders[0]).toBe('id,customer_id,product_id,quantity,unit_price,sold_at');
    expect([customers.length, inventory.length, orders.length]).toEqual([31, 13, 201]);
    expect(customers[1]).toMatch(/^CUST_000001,/);
    expect(inventory[1]).toMatch(/^PROD_000001,/);
  });

  it('writes orders that reference exported rows, at the product price, and replay cleanly', async () => {
    const { files } = await exportSeed({ customers: 25, products: 10, orders: 300, seed: 7, outDir: dir });
    const customerIds = new Set((await lines(files.customers)).slice(1).map((line) => line.split(',')[0]));
    const prices = new Map(
      (await lines(files.inventory)).slice(1).map((line) => {
        const cells = line.split(',');
        return [cells[0], Number(cells.at(-2))];
      }),
    );
    const events = await collect(replayCsv(files.orders));
    expect(events).toHaveLength(300);
    for (const {
      event_data: { order },
    } of events) {
      expect(customerIds.has(order.customer_id)).toBe(true);
      expect(prices.get(order.product_id)).toBe(order.unit_price);
      expect(order.sold_at.startsWith('2024-')).toBe(true);
    }
  });

  it('writes identical files for the same seed', async () => {
    const a = await exportSeed({ customers: 10, products: 5, orders: 50, seed: 3, outDir: join(dir, 'a') });
    const b = await exportSeed({ customers: 10, products: 5, orders: 50, seed: 3, outDir: join(dir, 'b') });
    for (const name of ['customers', 'inventory', 'orders'] as const) {
      expect(await readFile(b.files[name], 'utf8')).toBe(await readFile(a.files[name], 'utf8'));
    }
  });

  it('rejects bad counts with a ConfigError naming the option', async () => {
    await expect(exportSeed({ orders: -1, outDir: dir })).rejects.toThrow(ConfigError);
    await expect(exportSeed({ customers: 1.5, outDir: dir })).rejects.toThrow(/`exportSeed.customers`/);
  });
});
