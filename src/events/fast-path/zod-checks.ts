import type { z } from 'zod';
import { isWellFormed } from '../text.js';
import { NotCompilable } from './not-compilable.js';

type Check = z.core.$ZodCheck<unknown>;
type Payload = z.core.ParsePayload;

/**
 * The checks zod runs on a schema's value, in zod's own order: the schema itself when it is a check
 * (string formats such as `z.uuid()`, `z.int()`), then its `.min()`, `.regex()`, `.refine()`…
 * Throws {@link NotCompilable} for an `overwrite` check (`.trim()`, `.toLowerCase()`): it changes the
 * value, so the input text would no longer be the output's.
 *
 * @example
 * checksOf(z.string().max(3)).length; // => 1
 */
export function checksOf(schema: z.core.$ZodType): readonly Check[] {
  const own = (schema._zod.def as { checks?: readonly Check[] }).checks ?? [];
  for (const check of own) {
    if (check._zod.def.check === 'overwrite') throw new NotCompilable('a check that rewrites the value');
  }
  return schema._zod.traits.has('$ZodCheck') ? [schema as unknown as Check, ...own] : own;
}

/** Whether a value passes a schema's checks. */
export type Checker = (value: unknown) => boolean;

/**
 * Whether every check passes on a value, by calling zod's own check functions the way its parser does
 * when nothing has failed yet (a check's `when` decides whether it runs). False at the first issue, and
 * for an asynchronous check, which a synchronous parse cannot run either. `undefined` when no check is
 * left to run: `text()`'s well-formedness refinement is left out, since every text the fast path
 * matches is well-formed (decoded from UTF-8, or checked whole before matching).
 *
 * @example
 * checkerOf(checksOf(z.string().max(3)))?.('abcd'); // => false
 */
export function checkerOf(all: readonly Check[]): Checker | undefined {
  const checks = all.filter((check) => !isWellFormedRefinement(check));
  if (checks.length === 0) return undefined;
  const runs = checks.map((check) => check._zod.check);
  const whens = checks.map((check) => check._zod.def.when);
  const count = checks.length;
  return (value) => {
    const payload: Payload = { value, issues: [] };
    for (let i = 0; i < count; i++) {
      const when = whens[i];
      if (when !== undefined && !when(payload)) continue;
      const result: unknown = runs[i]?.(payload);
      if (result instanceof Promise) {
        // An async refinement's promise would otherwise be left to reject unobserved.
        result.catch(() => {});
        return false;
      }
      if (payload.issues.length > 0) return false;
    }
    return true;
  };
}

function isWellFormedRefinement(check: Check): boolean {
  const def = check._zod.def as { check: string; fn?: unknown; when?: unknown };
  return def.check === 'custom' && def.fn === isWellFormed && def.when === undefined;
}
