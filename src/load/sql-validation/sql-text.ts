/**
 * SQL text for constants that come from event definitions (type names, enum values, patterns) and for
 * the load's own temp file paths: the compiled predicate is generated from code the application ships,
 * never from file contents; DuckDB folds constant patterns only when they are literals; and table
 * functions take no bound parameters for their file lists.
 *
 * @example
 * sqlString("Rosé d'Anjou"); // => "'Rosé d''Anjou'"
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A finite number as an exact DOUBLE (DuckDB reads `0.1` as a DECIMAL literal otherwise).
 *
 * @example
 * sqlDouble(0.1); // => "CAST('0.1' AS DOUBLE)"
 */
export function sqlDouble(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** `a AND b AND …`, TRUE for none. */
export function allOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? 'TRUE' : conditions.map((c) => `(${c})`).join(' AND ');
}

/** `a OR b OR …`, FALSE for none. */
export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? 'FALSE' : conditions.map((c) => `(${c})`).join(' OR ');
}
