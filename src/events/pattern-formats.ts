/**
 * zod string formats whose whole check is `pattern.test(value)` on the format's regular expression (zod
 * 4.6's `schemas.js`: no URL parsing, no base64 decoding, no function of the user's). The file loader's
 * SQL compiler translates these patterns, and the fast path tests them in place.
 */
export const PATTERN_FORMATS: ReadonlySet<string> = new Set([
  'regex',
  'uuid',
  'guid',
  'datetime',
  'date',
  'time',
  'cuid',
  'cuid2',
  'ulid',
  'nanoid',
  'email',
  'e164',
]);
