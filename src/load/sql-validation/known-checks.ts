import type { z } from 'zod';
import { type FitCheck, fitCheckOf } from '../../events/field.js';
import { text } from '../../events/text.js';

/**
 * eventflake's own refinements, recognised so they can be compiled: their meaning is known, unlike a
 * user's `.refine()`. Recognised by identity: text's `isWellFormed`, and the fit refinements `field()`
 * registers with their own precision and scale.
 */
export type KnownCheck = { readonly code: 'well_formed' } | FitCheck;

export interface CustomCheckDef {
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

const wellFormed = customChecksOf(text())[0]?.fn;

/**
 * Which of eventflake's refinements a custom check is, or `undefined` for any other (a user rule).
 *
 * @example
 * knownCheck(customChecksOf(text())[0]); // => { code: 'well_formed' }
 */
export function knownCheck(check: CustomCheckDef): KnownCheck | undefined {
  if (check.when !== undefined) return undefined;
  if (wellFormed !== undefined && check.fn === wellFormed) return { code: 'well_formed' };
  return fitCheckOf(check.fn);
}

/**
 * Whether a definition's SQL twin answers for a user refinement: one it lists by `params.code`.
 * `covers` is `undefined` when the definition has no twin.
 */
export function twinCovers(check: CustomCheckDef, covers: ReadonlySet<string> | undefined): boolean {
  const code = check.params?.code;
  return covers !== undefined && typeof code === 'string' && covers.has(code);
}
