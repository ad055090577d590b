import { EventflakeError } from '../errors.js';

/**
 * Identifiers we write into SQL are checked against Snowflake's unquoted-identifier grammar and then
 * quoted. Values never go through here: they are always bound.
 */
const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

export class UnsafeIdentifierError extends EventflakeError {
  constructor(readonly identifier: string) {
    super(
      'ERR_UNSAFE_IDENTIFIER',
      `\`${identifier.slice(0, 80)}\` is not a safe SQL identifier: expected a letter or underscore followed by letters, digits, _ or $ (at most 255 characters)`,
    );
  }
}

/** A table or view named by schema and object, optionally in a database. */
export interface QualifiedName {
  readonly database?: string;
  readonly schema: string;
  readonly name: string;
}

/**
 * Quote one identifier after validating it.
 *
 * @example
 * quoteIdentifier('RAW_EVENTS_STREAM'); // => '"RAW_EVENTS_STREAM"'
 */
export function quoteIdentifier(identifier: string): string {
  if (!SAFE_IDENTIFIER.test(identifier)) throw new UnsafeIdentifierError(identifier);
  return `"${identifier}"`;
}

/**
 * Render a qualified name, each part validated and quoted.
 *
 * @example
 * quoteQualified({ schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' }); // => '"RAW_DATA"."RAW_EVENTS_STREAM"'
 */
export function quoteQualified(name: QualifiedName): string {
  const parts =
    name.database === undefined ? [name.schema, name.name] : [name.database, name.schema, name.name];
  return parts.map(quoteIdentifier).join('.');
}

/**
 * Parse `SCHEMA.TABLE` or `DB.SCHEMA.TABLE` into a qualified name, validating each part.
 *
 * @example
 * parseQualified('RAW_DATA.RAW_EVENTS_STREAM'); // => { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' }
 */
export function parseQualified(text: string): QualifiedName {
  const parts = text.split('.');
  for (const part of parts) quoteIdentifier(part);
  const [a, b, c] = parts;
  if (parts.length === 2 && a !== undefined && b !== undefined) return { schema: a, name: b };
  if (parts.length === 3 && a !== undefined && b !== undefined && c !== undefined) {
    return { database: a, schema: b, name: c };
  }
  throw new UnsafeIdentifierError(text);
}
