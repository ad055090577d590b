import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { cli, useTempDir } from './support.js';

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('eventflake generate', () => {
  const tempDir = useTempDir('generate');

  it('writes --count NDJSON lines to stdout, every one a valid event of the domain', async () => {
    for (const [domain, registry] of [
      ['wine-shop', wineShopRegistry],
      ['dropshipping', dropshippingRegistry],
    ] as const) {
      const { code, stdout } = await cli(['generate', '--domain', domain, '--count', '300', '--seed', '5']);
      expect(code).toBe(0);
      const events = lines(stdout);
      expect(events).toHaveLength(300);
      const invalid = events.filter((line) => !registry.parse(JSON.parse(line)).ok);
      expect(invalid).toEqual([]);
    }
  });

  it('is deterministic with --seed and differs across seeds', async () => {
    const [a, b, c] = await Promise.all([
      cli(['generate', '--count', '200', '--seed', '42']),
      cli(['generate', '--count', '200', '--seed', '42']),
      cli(['generate', '--count', '200', '--seed', '43']),
    ]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    expect(a.stderr).toContain('seed 42');
  });

  it('injects the --faults asked for: duplicates repeat an event_id, malformed lines fail validation', async () => {
    const { code, stdout, stderr } = await cli([
      'generate',
      '--count',
      '400',
      '--seed',
      '9',
      '--faults',
      'duplicate=0.05,malformed=0.05',
    ]);
    expect(code).toBe(0);
    const all = lines(stdout);
    const [, duplicates, malformed] = /; (\d+) duplicate, \d+ late, (\d+) malformed/.exec(stderr) ?? [];
    expect(Number(duplicates)).toBeGreaterThan(0);
    expect(Number(malformed)).toBeGreaterThan(0);
    expect(all).toHaveLength(400 + Number(duplicates) + Number(malformed));
    const rejected = all.filter((line) => {
      try {
        return !wineShopRegistry.parse(JSON.parse(line)).ok;
      } catch {
        return true;
      }
    });
    expect(rejected).toHaveLength(Number(malformed));
  });

  it('writes to --out instead of stdout', async () => {
    const out = join(tempDir(), 'events.ndjson');
    const { code, stdout } = await cli(['generate', '--count', '50', '--seed', '1', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(lines(await readFile(out, 'utf8'))).toHaveLength(50);
  });
});
