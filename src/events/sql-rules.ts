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

/**
 * A definition's SQL twin: a DuckDB boolean expression that is true exactly when every rule zod cannot
 * describe holds (the data schema's `.refine()` / `.superRefine()` calls and the definition's `check`),
 * for an event whose fields already have the right types and ranges. Without it, a definition with such
 * rules is validated by the JavaScript path only.
 *
 * @example
 * const sqlRules: SqlRules = (f) => `${f.value('event_data.customer_id')} = ${f.value('customer_id')}`;
 */
export type SqlRules = (context: SqlRuleContext) => string;
