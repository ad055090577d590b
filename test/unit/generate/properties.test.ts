import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import {
  createGenerator,
  dropshipping,
  injectFaults,
  MAX_SEED,
  wineShop,
} from '../../../src/generate/index.js';

const seed = fc.integer({ min: 0, max: MAX_SEED });
const count = fc.integer({ min: 1, max: 80 });

function issuesOf(
  result: ReturnType<typeof wineShopRegistry.parse> | ReturnType<typeof dropshippingRegistry.parse>,
) {
  return result.ok ? [] : result.error.issues;
}

describe('generated events (property)', () => {
  it('every wine-shop event validates with the events registry, whatever the seed and mix', () => {
    fc.assert(
      fc.property(
        seed,
        count,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, n, orderShare, discountChance) => {
          const events = createGenerator(wineShop, { seed: s, orderShare, discountChance }).take(n);
          for (const event of events) expect(issuesOf(wineShopRegistry.parse(event))).toEqual([]);
          expect(new Set(events.map((event) => event.event_id)).size).toBe(n);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every dropshipping event validates with the events registry', () => {
    fc.assert(
      fc.property(seed, count, fc.integer({ min: 1, max: 50 }), (s, n, products) => {
        const events = createGenerator(dropshipping, {
          seed: s,
          catalogue: { products, customers: 20 },
        }).take(n);
        for (const event of events) expect(issuesOf(dropshippingRegistry.parse(event))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the same seed gives the same serialized stream', () => {
    fc.assert(
      fc.property(seed, count, (s, n) => {
        const a = JSON.stringify(createGenerator(wineShop, { seed: s }).take(n));
        expect(JSON.stringify(createGenerator(wineShop, { seed: s }).take(n))).toBe(a);
      }),
      { numRuns: 50 },
    );
  });

  it('fault injection never alters or loses a valid event', () => {
    fc.assert(
      fc.property(seed, count, seed, (s, n, faultSeed) => {
        const events = createGenerator(wineShop, { seed: s }).take(n);
        const items = [
          ...injectFaults(events, {
            duplicateRate: 0.3,
            lateRate: 0.3,
            malformedRate: 0.3,
            lateByEvents: 3,
            seed: faultSeed,
          }),
        ];
        const firstCopies = items.filter((item) => item.event !== undefined && item.fault !== 'duplicate');
        expect(
          firstCopies
            .map((item) => item.event)
            .sort((a, b) => (a?.event_id ?? '').localeCompare(b?.event_id ?? '')),
        ).toEqual([...events].sort((a, b) => a.event_id.localeCompare(b.event_id)));
      }),
      { numRuns: 100 },
    );
  });
});
