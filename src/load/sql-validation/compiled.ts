/** Thrown while compiling when a schema uses something the compiler does not translate. */
export class NotCompilable extends Error {}

/**
 * Where a field's value is: columns holding its JSON text (NULL for JSON null or absent) and whether
 * its key is there, available from query stage `stage` on.
 */
export interface Slot {
  readonly leaf: string;
  readonly present: string;
  readonly stage: number;
}

/** Adds computed columns to the query being built; the same expression in a stage is computed once. */
export interface ColumnScope {
  column(stage: number, expression: string, prefix?: string): string;
}

/** One compiled schema node, as SQL expressions over the line's parsed columns. */
export interface Compiled {
  /** True when the value passes the schema (NULL counts as false). */
  readonly valid: string;
  /** True when SQL cannot be sure of the row it would write: JavaScript then decides the line. */
  readonly undecided: string;
  /** The value's JSON text as RAW stores it; NULL when the key is left out of the output. */
  readonly render: string;
  /**
   * True when the value's JSON text as DuckDB hands it out already is `render`: an object whose parts
   * all are then taken as it is, without rebuilding it.
   */
  readonly canonical: string;
  /** The parsed value: VARCHAR, DOUBLE or BOOLEAN, NULL for null or absent. */
  readonly value: string;
}
