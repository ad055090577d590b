/**
 * Printable ASCII that means itself in both JavaScript and RE2 patterns. Braces are left out: JavaScript
 * reads a stray `{` as a literal, RE2 may not.
 */
const LITERAL = /^[A-Za-z0-9 _\-:,;!@#%&='"<>~/`]$/;
/** Escapes both engines read as the same literal character. */
const ESCAPED_LITERAL = /^[.\-+*?()[\]{}|^$\\/:#,=!<>@%&~'"]$/;

/**
 * A JavaScript RegExp as an RE2 pattern (DuckDB's `regexp_matches`) with the same `test()` result on
 * every string, or `undefined` when the pattern uses anything whose meaning differs between the two
 * engines or that this subset does not read: flags, `.`, `\s`, `\w`, `\b`, negated classes (JavaScript
 * sees an astral character as two code units, RE2 as one), lookarounds, backreferences, non-ASCII.
 * Only then is a check compiled rather than left to JavaScript.
 *
 * @example
 * toRe2(/^ORD-\d{8}-\d{6}$/); // => '^ORD-\\d{8}-\\d{6}$'
 * toRe2(/^\w+$/); // => undefined
 */
export function toRe2(pattern: RegExp): string | undefined {
  if (pattern.flags !== '') return undefined;
  const source = pattern.source;
  let depth = 0;
  let i = 0;
  let quantifiable = false;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (next !== 'd' && !ESCAPED_LITERAL.test(next)) return undefined;
      i += 2;
      quantifiable = true;
    } else if (c === '[') {
      const end = classEnd(source, i);
      if (end === undefined) return undefined;
      i = end + 1;
      quantifiable = true;
    } else if (c === '(') {
      if (source.startsWith('(?:', i)) i += 3;
      else if (source.charAt(i + 1) === '?') return undefined;
      else i += 1;
      depth++;
      quantifiable = false;
    } else if (c === ')') {
      if (depth === 0) return undefined;
      depth--;
      i++;
      quantifiable = true;
    } else if (c === '|' || c === '^' || c === '$') {
      i++;
      quantifiable = false;
    } else if (c === '?' || c === '*' || c === '+' || c === '{') {
      if (!quantifiable) return undefined;
      const end = quantifierEnd(source, i);
      if (end === undefined) return undefined;
      i = end;
      // A lazy or possessive suffix, or a quantifier on a quantifier, is not in the subset.
      quantifiable = false;
    } else if (LITERAL.test(c)) {
      i++;
      quantifiable = true;
    } else {
      return undefined;
    }
  }
  return depth === 0 ? source : undefined;
}

/** Index of the `]` closing a class opened at `start`, when the class is in the subset. */
function classEnd(source: string, start: number): number | undefined {
  let i = start + 1;
  if (source.charAt(i) === '^' || source.charAt(i) === ']') return undefined;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === ']') return i;
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (next !== 'd' && !ESCAPED_LITERAL.test(next)) return undefined;
      // `[\d-z]`: JavaScript reads a literal dash, RE2 refuses the range.
      if (next === 'd' && source.charAt(i + 2) === '-') return undefined;
      i += 2;
    } else if (c === '[' || !LITERAL.test(c) || (c === '-' && i === start + 1)) {
      return undefined;
    } else {
      i++;
    }
  }
  return undefined;
}

/** Index just past a quantifier starting at `start` (`?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`). */
function quantifierEnd(source: string, start: number): number | undefined {
  const c = source.charAt(start);
  if (c !== '{') return start + 1;
  const match = /^\{(\d{1,4})(,(\d{1,4})?)?\}/.exec(source.slice(start));
  if (match === null) return undefined;
  const low = Number(match[1]);
  const high = match[3] === undefined ? low : Number(match[3]);
  // RE2 refuses repetition counts above 1000; JavaScript would accept them.
  if (low > 1000 || high > 1000 || (match[3] !== undefined && high < low)) return undefined;
  return start + match[0].length;
}
