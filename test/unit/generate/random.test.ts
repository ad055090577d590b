import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, Random, uuidFromKey, weighted } from '../../../src/generate/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 50 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps int() within its bounds, both ends reachable', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('produces version 4 shaped, distinct uuids', () => {
    const random = new Random(9);
    const ids = Array.from({ length: 2000 }, () => random.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('picks weighted items in proportion', () => {
    const random = new Random(5);
    const pick = weighted(['a', 'b'], [3, 1]);
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (pick(random) === 'a') a++;
    expect(a / 20_000).toBeGreaterThan(0.73);
    expect(a / 20_000).toBeLessThan(0.77);
  });

  it('rejects a weight table that does not match its items', () => {
    expect(() => weighted(['a'], [1, 2])).toThrow(RangeError);
    expect(() => new Random(1).pick([])).toThrow(RangeError);
  });
});

describe('uuidFromKey', () => {
  it('derives the same v4-shaped id from the same key, another from another key', () => {
    expect(uuidFromKey('order_created:ORDER_000001')).toBe(uuidFromKey('order_created:ORDER_000001'));
    expect(uuidFromKey('order_created:ORDER_000001')).not.toBe(uuidFromKey('order_created:ORDER_000002'));
    expect(uuidFromKey('x')).toMatch(UUID_V4);
  });
});

describe('isoTimestamp', () => {
  it('formats exactly like Date#toISOString, across days, years and edge values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 3e14 }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
    for (const ms of [
      0,
      86_399_999,
      86_400_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      253_402_300_799_999,
    ]) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
