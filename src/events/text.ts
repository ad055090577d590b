import { z } from 'zod';

/**
 * Node 20 has `String.prototype.isWellFormed` (ES2024; false when a lone surrogate is present), which
 * TypeScript's ES2023 lib does not declare. It is several times faster than a lookaround regex.
 *
 * @example
 * isWellFormed('\ud800'); // => false
 */
export const isWellFormed = (value: string): boolean =>
  (value as string & { isWellFormed(): boolean }).isWellFormed();

export interface TextOptions {
  /** @default 1 */
  readonly min?: number;
  /** @default 1000 */
  readonly max?: number;
}

/**
 * A free-text string that is valid Unicode. A lone UTF-16 surrogate (from a `\uD800` escape or a
 * mangled byte sequence) cannot be encoded as UTF-8, so Snowflake would store a replacement
 * character instead: rejecting it here keeps the loss visible (issue code `invalid_unicode`).
 *
 * @example
 * z.strictObject({ shipping_address: text({ max: 500 }) });
 */
export function text(options: TextOptions = {}): z.ZodString {
  return z
    .string()
    .min(options.min ?? 1)
    .max(options.max ?? 1000)
    .refine(isWellFormed, {
      message: 'Contains a lone UTF-16 surrogate, which is not valid Unicode',
      params: { code: 'invalid_unicode' },
    });
}
