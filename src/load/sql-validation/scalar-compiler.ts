import type { z } from 'zod';
import { PATTERN_FORMATS } from '../../events/pattern-formats.js';
import { type ColumnScope, type Compiled, NotCompilable, type Slot } from './compiled.js';
import { type CustomCheckDef, type KnownCheck, knownCheck, twinCovers } from './known-checks.js';
import { toRe2 } from './regex-to-re2.js';
import type { SchemaScope } from './schema-compiler.js';
import { allOf, sqlDouble, sqlString } from './sql-text.js';
import {
  decimalPrecisionFits,
  decimalScaleFits,
  exactLength,
  isJsonNumber,
  isJsonString,
  maxLength,
  minLength,
  numberCanonical,
  numberRender,
  numberUndecided,
  numberValue,
  safeInteger,
  shiftedDecimal,
  stringValue,
} from './value-sql.js';

type Def = Record<string, unknown>;

/** A format schema (z.uuid(), z.iso.datetime()) carries its own check in its def, before the others. */
function checksOf(def: Def, formatKey: 'string_format' | 'number_format'): Def[] {
  const checks = ((def.checks as readonly z.core.$ZodCheck[] | undefined) ?? []).map(
    (check) => check._zod.def as unknown as Def,
  );
  return def.check === formatKey ? [def, ...checks] : checks;
}

/**
 * A custom check: eventflake's own are compiled by `compileKnown`; a user's is the SQL twin's business
 * only when the twin lists its code, else the type stays on the JavaScript path.
 *
 * @example
 * customCheck(def, scope, (known) => (known.code === 'well_formed' ? 'TRUE' : undefined));
 */
export function customCheck(
  check: Def,
  scope: SchemaScope,
  compileKnown: (known: KnownCheck) => string | undefined,
): string {
  const custom = check as unknown as CustomCheckDef;
  const known = knownCheck(custom);
  const compiled = known === undefined ? undefined : compileKnown(known);
  if (compiled !== undefined) return compiled;
  if (twinCovers(custom, scope.twinCovers)) return 'TRUE';
  const code = `code ${String(custom.params?.code)}`;
  throw new NotCompilable(
    scope.twinCovers === undefined
      ? `a refinement (${code}) without an SQL twin (sqlRules)`
      : `a field refinement the SQL twin does not list in \`covers\` (${code})`,
  );
}

/**
 * One of field()'s fit checks on the DOUBLE `value`, each with its own precision and scale; `undefined`
 * for a check that is not a number fit.
 *
 * @example
 * numberFit({ code: 'not_integer' }, value, slot, scope); // => '(… = trunc(…) AND …)'
 */
export function numberFit(
  known: KnownCheck,
  value: string,
  slot: Slot,
  scope: ColumnScope,
): string | undefined {
  if (known.code === 'not_integer') return safeInteger(value);
  if (known.code === 'well_formed') return undefined;
  const shifted = scope.column(
    slot.stage + 3,
    shiftedDecimal(value, known.scale, scope, slot.stage + 2),
    'x',
  );
  return known.code === 'too_many_decimals'
    ? decimalScaleFits(shifted)
    : decimalPrecisionFits(shifted, known.precision);
}

/**
 * A string schema: JSON string, lengths in UTF-16 units, patterns through RE2 when equivalent.
 *
 * @example
 * compileString(defOf(z.string().min(1)), slot, scope).valid;
 */
export function compileString(def: Def, slot: Slot, scope: SchemaScope): Compiled {
  if (def.coerce === true) throw new NotCompilable('a coercing string');
  const { leaf } = slot;
  const value = scope.column(slot.stage + 1, stringValue(leaf), 's');
  const tests = checksOf(def, 'string_format').map((check) => {
    switch (check.check) {
      case 'min_length':
        return minLength(value, Number(check.minimum));
      case 'max_length':
        return maxLength(value, Number(check.maximum));
      case 'length_equals':
        return exactLength(value, Number(check.length));
      case 'string_format': {
        const pattern = check.pattern;
        const re2 = pattern instanceof RegExp ? toRe2(pattern) : undefined;
        if (!PATTERN_FORMATS.has(String(check.format)) || re2 === undefined) {
          throw new NotCompilable(
            `string format \`${String(check.format)}\` with pattern ${String(pattern)}`,
          );
        }
        return regexpTest(value, re2);
      }
      case 'custom':
        // DuckDB holds only valid UTF-8, so a lone surrogate cannot reach a compiled check.
        return customCheck(check, scope, (known) => (known.code === 'well_formed' ? 'TRUE' : undefined));
      default:
        throw new NotCompilable(`string check \`${String(check.check)}\``);
    }
  });
  return {
    valid: allOf([`${leaf} IS NOT NULL`, isJsonString(leaf), ...tests]),
    undecided: 'FALSE',
    render: leaf,
    canonical: 'TRUE',
    value,
  };
}

/**
 * A number schema: a finite JSON number (zod refuses NaN and ±Infinity), bounds, integer formats and
 * field()'s integer and decimal fits.
 *
 * @example
 * compileNumber(defOf(z.number().min(0)), slot, scope).valid;
 */
export function compileNumber(def: Def, slot: Slot, scope: SchemaScope): Compiled {
  if (def.coerce === true) throw new NotCompilable('a coercing number');
  const { leaf } = slot;
  const value = scope.column(slot.stage + 1, numberValue(leaf), 'd');
  const tests = checksOf(def, 'number_format').map((check) => {
    switch (check.check) {
      case 'greater_than':
        return `${value} ${check.inclusive === true ? '>=' : '>'} ${sqlDouble(Number(check.value))}`;
      case 'less_than':
        return `${value} ${check.inclusive === true ? '<=' : '<'} ${sqlDouble(Number(check.value))}`;
      case 'number_format':
        return numberFormat(String(check.format), value);
      case 'custom':
        return customCheck(check, scope, (known) => numberFit(known, value, slot, scope));
      default:
        throw new NotCompilable(`number check \`${String(check.check)}\``);
    }
  });
  return {
    valid: allOf([`${leaf} IS NOT NULL`, isJsonNumber(leaf), `isfinite(${value})`, ...tests]),
    undecided: numberUndecided(value),
    render: numberRender(leaf, value),
    canonical: numberCanonical(leaf, value),
    value,
  };
}

function numberFormat(format: string, value: string): string {
  const whole = `${value} = trunc(${value})`;
  switch (format) {
    case 'safeint':
      return safeInteger(value);
    case 'int32':
      return `${whole} AND ${value} BETWEEN -2147483648 AND 2147483647`;
    case 'uint32':
      return `${whole} AND ${value} BETWEEN 0 AND 4294967295`;
    case 'float64':
      return 'TRUE';
    default:
      throw new NotCompilable(`number format \`${format}\``);
  }
}

/**
 * `pattern.test(value)`: a pattern anchored at both ends with no top-level alternative is a full
 * match, which RE2 runs about twice as fast as a search.
 */
function regexpTest(value: string, re2: string): string {
  const inner = re2.slice(1, -1);
  const anchored = re2.startsWith('^') && re2.endsWith('$') && !re2.endsWith('\\$') && !hasTopLevelBar(inner);
  return anchored
    ? `regexp_full_match(${value}, ${sqlString(inner)})`
    : `regexp_matches(${value}, ${sqlString(re2)})`;
}

/** Whether `|` appears outside any group or class (escapes skipped). */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
