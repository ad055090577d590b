/**
 * What a definition's SQL twin can ask about an event while the file loader validates it inside
 * DuckDB. Paths are dotted envelope paths such as `customer_id` or `event_data.order.product_id`.
 */
export interface SqlRuleContext {
  /**
   * The SQL expression of a field's parsed value: VARCHAR for strings and enums, DOUBLE for numbers,
   * BOOLEAN for booleans, SQL NULL when the field is null or absent (defaults applied first).
   */
  value(path: string): string;
  /**
   * A decimal field's value × 10^scale as an exact HUGEINT, with the same binary-noise snapping as
   * eventflake's decimal checks (94.35 at scale 2 → 9435). Only meaningful for a field whose column
   * type is `decimal(p, s)` with `s <= scale`.
   */
  decimalUnits(path: string, scale: number): string;
}

/** The twin's SQL: a DuckDB boolean expression over the event's fields. */
export type SqlRuleExpression = (context: SqlRuleContext) => string;

/**
 * A definition's SQL twin: a DuckDB boolean expression that is true exactly when every rule zod cannot
 * describe holds, for an event whose fields already have the right types and ranges. A bare expression
 * answers for the object-level rules only: the definition's `check` and `.refine()` / `.superRefine()`
 * on the data schema or a nested object. A refinement on a single field (`z.int().refine(…)`) is the
 * twin's business only when listed in `covers` by its `params.code`; any other keeps the type on the
 * JavaScript path. A twin laxer than its JavaScript rule loads rows the rule would reject.
 *
 * @example
 * const sqlRules: SqlRules = (f) => `${f.value('event_data.customer_id')} = ${f.value('customer_id')}`;
 * const withField: SqlRules = { covers: ['zero_change'], sql: (f) => `${f.value('event_data.n')} <> 0` };
 */
export type SqlRules =
  | SqlRuleExpression
  | {
      /** `params.code` of the field-level refinements the expression checks. */
      readonly covers: readonly string[];
      readonly sql: SqlRuleExpression;
    };

/**
 * @internal The twin's expression and the field-level codes it answers for.
 *
 * @example
 * twinOf((f) => 'TRUE').covers.size; // => 0
 */
export function twinOf(rules: SqlRules): { sql: SqlRuleExpression; covers: ReadonlySet<string> } {
  return typeof rules === 'function'
    ? { sql: rules, covers: new Set() }
    : { sql: rules.sql, covers: new Set(rules.covers) };
}
