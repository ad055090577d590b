import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root, useTempDir } from './support.js';

describe('eventflake export-seed and render-sql', () => {
  const tempDir = useTempDir('files');

  it('export-seed writes customers, inventory and orders CSVs with the counts asked for', async () => {
    const out = join(tempDir(), 'seed');
    const { code, stdout } = await cli([
      'export-seed',
      '--customers',
      '12',
      '--products',
      '7',
      '--orders',
      '30',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['customers.csv', 'inventory.csv', 'orders.csv']);
    const rows = async (name: string) => (await readFile(join(out, name), 'utf8')).trim().split('\n');
    expect((await rows('customers.csv'))[0]).toBe('id,name,email,city,country');
    expect(await rows('customers.csv')).toHaveLength(13);
    expect(await rows('inventory.csv')).toHaveLength(8);
    expect(await rows('orders.csv')).toHaveLength(31);
    expect(stdout).toContain('30 orders');
  });

  it('render-sql writes the same files as the committed sql/ folder, and removes stale ones', async () => {
    const out = join(tempDir(), 'sql');
    await cli(['render-sql', '--out', out]);
    await writeFile(join(out, 'duckdb', '99_stale.sql'), 'SELECT 1;\n');
    const { code } = await cli(['render-sql', '--out', out, '--spec', 'wine-shop']);
    expect(code).toBe(0);
    for (const dialect of ['snowflake', 'duckdb']) {
      const committed = (await readdir(join(root, 'sql', dialect))).sort();
      expect((await readdir(join(out, dialect))).sort()).toEqual(committed);
      for (const name of committed) {
        const written = await readFile(join(out, dialect, name), 'utf8');
        expect(written, `${dialect}/${name}`).toBe(await readFile(join(root, 'sql', dialect, name), 'utf8'));
      }
    }
  });

  it('render-sql renders one dialect of the dropshipping spec', async () => {
    const out = join(tempDir(), 'dropshipping');
    const { code } = await cli(['render-sql', '--out', out, '--spec', 'dropshipping', '--dialect', 'duckdb']);
    expect(code).toBe(0);
    expect(await readdir(out)).toEqual(['duckdb']);
    const setup = await readFile(join(out, 'duckdb', '02_tables.sql'), 'utf8');
    expect(setup).toMatch(/CREATE TABLE/);
    expect(setup).not.toBe(await readFile(join(root, 'sql', 'duckdb', '02_tables.sql'), 'utf8'));
  });
});
