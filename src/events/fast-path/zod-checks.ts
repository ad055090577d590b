import { z } from 'zod';
import { PATTERN_FORMATS } from '../pattern-formats.js';
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

/** Whether a value passes a check. */
export type Checker = (value: unknown) => boolean;

/**
 * Whether a value passes one check, by calling zod's own check function the way its parser does when
 * nothing has failed yet (the check's `when` decides whether it runs). False on an issue, and for an
 * asynchronous check, which a synchronous parse cannot run either.
 */
function genericChecker(check: Check): Checker {
  const run = check._zod.check;
  const { when } = check._zod.def;
  return (value) => {
    const payload: Payload = { value, issues: [] };
    if (when !== undefined && !when(payload)) return true;
    const result: unknown = run(payload);
    if (result instanceof Promise) {
      // An async refinement's promise would otherwise be left to reject unobserved.
      result.catch(() => {});
      return false;
    }
    return payload.issues.length === 0;
  };
}

function isWellFormedRefinement(check: Check): boolean {
  const def = check._zod.def as { check: string; fn?: unknown; when?: unknown };
  return def.check === 'custom' && def.fn === isWellFormed && def.when === undefined;
}

/**
 * A check the generated reader writes out in place of a call through zod's payload: the same test zod's
 * check function makes, for the kinds whose code is a one-line test (read in zod 4.6's `checks.js` and
 * `schemas.js`). Any other check, or one with its own `when`, is called the generic way.
 */
export type InlineCheck =
  | { readonly kind: 'compare'; readonly operator: '>' | '>=' | '<' | '<='; readonly bound: number }
  | { readonly kind: 'safe_integer' }
  | { readonly kind: 'pattern'; readonly pattern: RegExp }
  | { readonly kind: 'refine'; readonly fn: (value: unknown) => unknown }
  /** Passes at once when the UTF-16 length decides it; zod's own check counts code points otherwise. */
  | {
      readonly kind: 'length';
      readonly passesWhen: 'at_most' | 'at_least';
      readonly units: number;
      readonly exact: Checker;
    }
  | { readonly kind: 'generic'; readonly checker: Checker };

/** zod's default `when` of length checks (run on non-nullish values with a length): true for a string. */
const LENGTH_WHEN = (z.string().max(1)._zod.def.checks?.[0]?._zod.def as { when?: unknown } | undefined)
  ?.when;

/**
 * How the generated reader runs each of a node's checks, in zod's order. `text()`'s well-formedness
 * refinement is left out: every text the fast path matches is well-formed (decoded from UTF-8, or
 * checked whole before matching).
 *
 * @example
 * inlineChecks(checksOf(z.int().min(1)), 'number'); // => [{ kind: 'safe_integer' }, { kind: 'compare', operator: '>=', bound: 1 }]
 */
export function inlineChecks(all: readonly Check[], value: 'string' | 'number' | 'other'): InlineCheck[] {
  return all.filter((check) => !isWellFormedRefinement(check)).map((check) => inlineCheck(check, value));
}

function inlineCheck(check: Check, value: 'string' | 'number' | 'other'): InlineCheck {
  const def = check._zod.def as {
    check: string;
    when?: unknown;
    value?: unknown;
    inclusive?: boolean;
    format?: string;
    pattern?: unknown;
    fn?: unknown;
    maximum?: unknown;
    minimum?: unknown;
  };
  const generic = (): InlineCheck => ({ kind: 'generic', checker: genericChecker(check) });
  if (def.check === 'max_length' || def.check === 'min_length') {
    const units = def.check === 'max_length' ? def.maximum : def.minimum;
    if (value !== 'string' || def.when !== LENGTH_WHEN || typeof units !== 'number') return generic();
    const exact = genericChecker(check);
    // A code point is one or two UTF-16 units: at most `max` units is at most `max` code points, and at
    // least twice `min` units is at least `min` code points. Only in between does zod count.
    return def.check === 'max_length'
      ? { kind: 'length', passesWhen: 'at_most', units, exact }
      : { kind: 'length', passesWhen: 'at_least', units: 2 * units, exact };
  }
  if (def.when !== undefined) return generic();
  switch (def.check) {
    case 'greater_than':
    case 'less_than': {
      if (value !== 'number' || typeof def.value !== 'number') return generic();
      const below = def.check === 'less_than';
      const operator = below ? (def.inclusive ? '<=' : '<') : def.inclusive ? '>=' : '>';
      return { kind: 'compare', operator, bound: def.value };
    }
    case 'number_format':
      return value === 'number' && def.format === 'safeint' ? { kind: 'safe_integer' } : generic();
    case 'string_format':
      return value === 'string' && def.pattern instanceof RegExp && PATTERN_FORMATS.has(def.format ?? '')
        ? { kind: 'pattern', pattern: def.pattern }
        : generic();
    case 'custom':
      // `.refine(fn)` builds a $ZodCustom, whose check fails exactly when fn returns something falsy.
      return check instanceof z.core.$ZodCustom && typeof def.fn === 'function'
        ? { kind: 'refine', fn: def.fn as (value: unknown) => unknown }
        : generic();
    default:
      return generic();
  }
}
