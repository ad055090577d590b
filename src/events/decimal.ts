/**
 * Binary noise of a few arithmetic steps, relative to the value: 18.5 × 6 × 0.85 × 100 gives
 * 9434.999999999998, off 9435 by about one unit in the last place. A real extra decimal
 * (18.505 × 100 = 1850.4999999999998) is off by far more, so it is never taken for noise while the
 * value has at most about 14 significant digits, which is all a double can carry reliably anyway.
 */
const NOISE = 8 * Number.EPSILON;
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 39 }, (_, exponent) => 10 ** exponent);

function powerOfTen(exponent: number): number {
  return POWERS_OF_TEN[exponent] ?? 10 ** exponent;
}

/** `value` moved to the nearest multiple of `step` when it is only binary noise away from it. */
function snap(value: number, step: 1 | 0.5): number {
  const nearest = Math.round(value / step) * step;
  return Math.abs(value - nearest) <= Math.abs(value) * NOISE ? nearest : value;
}

/**
 * `value × 10^scale`, with binary noise removed: an integer exactly when `value` has at most `scale`
 * decimals as written in decimal.
 *
 * @example
 * shiftDecimal(94.35, 2); // 9435
 * shiftDecimal(18.505, 2); // 1850.4999999999998 (not whole: a third decimal)
 */
export function shiftDecimal(value: number, scale: number): number {
  return snap(value * powerOfTen(scale), 1);
}

/**
 * Rounds to `scale` decimals, half away from zero, on the decimal value (so 1.005 → 1.01, where
 * `Math.round(1.005 * 100) / 100` gives 1).
 *
 * @example
 * roundToScale(1.005, 2); // 1.01
 * roundToScale(-0.125, 2); // -0.13
 */
export function roundToScale(value: number, scale: number): number {
  // Snapping to halves decides which side of .5 a value like 100.49999999999999 (1.005 × 100) is on.
  const shifted = snap(value * powerOfTen(scale), 0.5);
  const rounded = Math.sign(shifted) * Math.round(Math.abs(shifted));
  // `+ 0` turns -0 (from rounding a tiny negative) into 0, which serializes as "0", not "-0".
  return rounded / powerOfTen(scale) + 0;
}

/** Why a number does not fit a DECIMAL(precision, scale) column. */
export type DecimalMisfit = 'too_many_decimals' | 'decimal_overflow';

/**
 * Whether `value` can be stored in DECIMAL(precision, scale) without rounding or overflow.
 *
 * @example
 * decimalMisfit(450, 10, 2); // undefined
 * decimalMisfit(18.505, 10, 2); // 'too_many_decimals'
 * decimalMisfit(1e8, 10, 2); // 'decimal_overflow'
 */
export function decimalMisfit(value: number, precision: number, scale: number): DecimalMisfit | undefined {
  const shifted = shiftDecimal(value, scale);
  if (!Number.isInteger(shifted)) return 'too_many_decimals';
  return Math.abs(shifted) < powerOfTen(precision) ? undefined : 'decimal_overflow';
}
