import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedTotal, roundCents, totalMatches } from '../../../src/events/index.js';

/** Exact half-up rounding of quantity × cents × (1 − basisPoints / 10000), in integer arithmetic. */
function exactTotalCents(quantity: number, priceCents: number, discountBasisPoints: number): number {
  const scaled = BigInt(quantity) * BigInt(priceCents) * BigInt(10_000 - discountBasisPoints);
  return Number((scaled * 2n + 10_000n) / 20_000n);
}

describe('money', () => {
  it('rounds cents half away from zero on the decimal value', () => {
    expect([1.005, 2.675, 1.045, 0.125, -0.125, 94.349999999].map(roundCents)).toEqual([
      1.01, 2.68, 1.05, 0.13, -0.13, 94.35,
    ]);
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
  });

  it('computes the seed totals', () => {
    expect(expectedTotal(6, 18.5, 0.15)).toBe(94.35);
    expect(expectedTotal(2, 450)).toBe(900);
  });

  it('matches a total only to the exact cent', () => {
    expect(totalMatches(94.35, 6, 18.5, 0.15)).toBe(true);
    expect(totalMatches(94.36, 6, 18.5, 0.15)).toBe(false);
    expect(totalMatches(94.354, 6, 18.5, 0.15)).toBe(false);
  });

  it('agrees with exact integer arithmetic for any price in cents, quantity and discount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 0, max: 9_999 }),
        (quantity, priceCents, discountBasisPoints) => {
          const total = expectedTotal(quantity, priceCents / 100, discountBasisPoints / 10_000);
          const exact = exactTotalCents(quantity, priceCents, discountBasisPoints) / 100;
          expect(total).toBe(exact);
          expect(totalMatches(exact, quantity, priceCents / 100, discountBasisPoints / 10_000)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
