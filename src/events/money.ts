import { roundToScale, shiftDecimal } from './decimal.js';

/**
 * Rounds an amount to whole cents, half away from zero on the decimal value.
 *
 * @example
 * roundCents(94.349999999); // 94.35
 * roundCents(1.005); // 1.01
 */
export function roundCents(amount: number): number {
  return roundToScale(amount, 2);
}

/**
 * The one rule for order totals, used by validation and by the generator alike:
 * `round2(quantity × unitPrice × (1 − discount))`.
 *
 * @example
 * expectedTotal(6, 18.5, 0.15); // 94.35
 * expectedTotal(2, 450); // 900
 */
export function expectedTotal(quantity: number, unitPrice: number, discount = 0): number {
  const price = asScaledInteger(unitPrice);
  const off = asScaledInteger(discount);
  if (!Number.isInteger(quantity) || price === undefined || off === undefined) {
    return roundCents(quantity * unitPrice * (1 - discount));
  }
  // Exact on the decimal values: in doubles, 1 − 0.9985 loses enough to round 233.475 down to 233.47.
  const scaled = BigInt(quantity) * price.digits * (10n ** BigInt(off.scale) - off.digits);
  const scale = price.scale + off.scale;
  if (scale <= 2) return Number(scaled * 10n ** BigInt(2 - scale)) / 100;
  const divisor = 10n ** BigInt(scale - 2);
  const magnitude = scaled < 0n ? -scaled : scaled;
  const cents = (magnitude + divisor / 2n) / divisor;
  return Number(scaled < 0n ? -cents : cents) / 100 + 0;
}

/** A number as an integer over 10^scale when it has at most 9 decimals as written, else undefined. */
function asScaledInteger(value: number): { digits: bigint; scale: number } | undefined {
  if (!Number.isFinite(value)) return undefined;
  for (let scale = 0; scale <= 9; scale++) {
    const shifted = shiftDecimal(value, scale);
    if (Number.isSafeInteger(shifted)) return { digits: BigInt(shifted), scale };
  }
  return undefined;
}

/**
 * Whether `total` equals {@link expectedTotal} to the cent (a total with fractions of a cent never does).
 *
 * @example
 * totalMatches(94.35, 6, 18.5, 0.15); // true
 * totalMatches(94.36, 6, 18.5, 0.15); // false
 */
export function totalMatches(total: number, quantity: number, unitPrice: number, discount = 0): boolean {
  const expectedCents = Math.round(shiftDecimal(expectedTotal(quantity, unitPrice, discount), 2));
  return shiftDecimal(total, 2) === expectedCents;
}
