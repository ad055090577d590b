import { type QualifiedName, quoteIdentifier } from '../../warehouse/identifier.js';

/**
 * A schema-qualified object name, validated now so an unsafe name fails where the spec is written
 * rather than when SQL is rendered. Database stays implicit: every file runs `USE DATABASE` first,
 * and DuckDB has none.
 *
 * @example
 * objectName('STAGING', 'STG_ORDERS'); // { schema: 'STAGING', name: 'STG_ORDERS' }
 */
export function objectName(schema: string, name: string): QualifiedName {
  quoteIdentifier(schema);
  quoteIdentifier(name);
  return Object.freeze({ schema, name });
}

/** `SCHEMA.NAME`, for messages and lookups (never for SQL: use the renderer's quoting). */
export function nameText(name: QualifiedName): string {
  return `${name.schema}.${name.name}`;
}

/** Validates a bare identifier (column, role, warehouse) and returns it unchanged. */
export function identifier(name: string): string {
  quoteIdentifier(name);
  return name;
}
