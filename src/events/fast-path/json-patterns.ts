import { isWellFormed } from '../text.js';

/**
 * Regular-expression sources for JSON tokens as `JSON.stringify` writes them, so that a matched text is
 * both what JSON.parse reads and, character for character, what JSON.stringify of the parsed value
 * gives back: no white space, no escapes in strings, numbers checked for their shortest form after the
 * match. Anything else fails to match, and the event takes the usual path.
 */

/** A string's content with no escape and no control character: the content is the value. */
export const STRING_CONTENT = '[^"\\\\\\u0000-\\u001f]*';

/** JSON's number grammar; whether it is the shortest form is checked on the captured text. */
export const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?';

/**
 * Whether `text`, a JSON number, is how JSON.stringify writes `value = Number(text)`: the shortest
 * round-trip form, in fixed notation from 1e-6 to 1e21. Decided from the text where that is certain,
 * since String(value) costs about 100 ns for a fraction: a safe integer other than -0 is written as it
 * is; so is a fraction with no trailing zero, at most 15 significant digits (each such decimal is the
 * only one of them that reads as its double) and at least 1e-6. Other texts are compared with String().
 *
 * @example
 * isShortestNumber('12.50', 12.5); // => false
 */
export function isShortestNumber(text: string, value: number): boolean {
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === DOT) dot = i;
    else if (code === LOWER_E || code === UPPER_E) return String(value) === text;
  }
  if (dot < 0) return text !== '-0' && (Number.isSafeInteger(value) || String(value) === text);
  if (text.charCodeAt(text.length - 1) === ZERO) return false;
  const start = text.charCodeAt(0) === MINUS ? 1 : 0;
  let significant = text.length - start - 1;
  if (text.charCodeAt(start) === ZERO) {
    let zeros = 0;
    while (text.charCodeAt(dot + 1 + zeros) === ZERO) zeros++;
    if (zeros > 5) return String(value) === text;
    significant = text.length - dot - 1 - zeros;
  }
  return significant <= 15 || String(value) === text;
}

const DOT = 0x2e;
const MINUS = 0x2d;
const ZERO = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** The same characters {@link STRING_CONTENT} leaves out. */
const NEEDS_ESCAPE = new RegExp(`[${STRING_CONTENT.slice(2, -2)}]`);

/**
 * Whether JSON.stringify writes `value` between quotes as it is: no quote, backslash, control
 * character or lone surrogate. Keys and enum values must be, to be matched literally.
 *
 * @example
 * isPlainString('ORDER_CREATED'); // => true
 * isPlainString('a"b'); // => false
 */
export function isPlainString(value: string): boolean {
  return !NEEDS_ESCAPE.test(value) && isWellFormed(value);
}

/** The regular-expression source matching `text` literally. */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
