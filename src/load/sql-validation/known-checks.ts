import { z } from 'zod';
import { decimal } from '../../events/column-types.js';
import { field } from '../../events/field.js';
import { text } from '../../events/text.js';

/**
 * eventflake's own refinements, recognised so they can be compiled: their meaning is known, unlike a
 * user's `.refine()`. Recognised by identity (text's `isWellFormed`) or by the source of the closures
 * `field()` attaches plus their issue code, taken from schemas built here with the same functions.
 */
export type KnownCheck = 'well_formed' | 'not_integer' | 'too_many_decimals' | 'decimal_overflow';

interface CustomCheckDef {
  readonly fn: unknown;
  readonly params?: { readonly code?: unknown };
  readonly when?: unknown;
}

/** The `_zod.def` of every custom check of a schema, in order. */
export function customChecksOf(schema: z.core.$ZodType): CustomCheckDef[] {
  const checks = (schema._zod.def as { checks?: readonly z.core.$ZodCheck[] }).checks ?? [];
  return checks
    .map((check) => check._zod.def as unknown as CustomCheckDef & { check: string })
    .filter((def) => def.check === 'custom');
}

function sourceOf(fn: unknown): string | undefined {
  return typeof fn === 'function' ? fn.toString() : undefined;
}

const wellFormed = customChecksOf(text())[0]?.fn;
const integerFit = customChecksOf(field(z.number(), { type: 'integer' })).map((c) => sourceOf(c.fn));
const decimalFit = customChecksOf(field(z.number(), { type: decimal(3, 1) })).map((c) => sourceOf(c.fn));
const SOURCES: ReadonlyMap<KnownCheck, string | undefined> = new Map([
  ['not_integer', integerFit[0]],
  ['too_many_decimals', decimalFit[0]],
  ['decimal_overflow', decimalFit[1]],
]);

/**
 * Which of eventflake's refinements a custom check is, or `undefined` for any other (a user rule).
 *
 * @example
 * knownCheck(customChecksOf(text())[0]); // => 'well_formed'
 */
export function knownCheck(check: CustomCheckDef): KnownCheck | undefined {
  if (check.when !== undefined) return undefined;
  if (wellFormed !== undefined && check.fn === wellFormed) return 'well_formed';
  const code = check.params?.code;
  const source = sourceOf(check.fn);
  for (const [known, expected] of SOURCES) {
    if (code === known && source !== undefined && source === expected) return known;
  }
  return undefined;
}
