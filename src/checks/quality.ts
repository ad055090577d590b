import { nameText } from '../ddl/spec/names.js';
import { allTables } from '../ddl/spec/pipeline.js';
import type { SqlContext } from '../ddl/spec/queries.js';
import type { StagingNode } from '../ddl/spec/staging.js';
import type { TableNode } from '../ddl/spec/tables.js';
import { ConfigError } from '../errors.js';
import type { QualifiedName } from '../warehouse/identifier.js';
import type { Row } from '../warehouse/warehouse.js';
import type { SuiteContext } from './context.js';
import { type CheckDefinition, numberOf, sqlCheck } from './definition.js';
import { eventFlows, missingFieldTests } from './pipeline-shape.js';
import { type EnumRule, type RangeRule, schemaRules } from './schema-rules.js';

/** Totals that must equal round2(quantity × unit price × (1 − discount)), as the event schema demands. */
export interface TotalRule {
  /** Check name, lower snake case, e.g. `order_totals`. */
  readonly name: string;
  readonly table: QualifiedName;
  readonly total: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly discount?: string;
  /** @default 'fail' */
  readonly severity?: 'warn' | 'fail';
}

/** A column that must not go below `min`, e.g. the current stock level. */
export interface MinimumRule {
  readonly name: string;
  readonly table: QualifiedName;
  readonly column: string;
  readonly min: number;
  readonly title?: string;
  /** @default 'fail' */
  readonly severity?: 'warn' | 'fail';
}

/** Business rules the event schema alone does not express in SQL. */
export interface QualityRules {
  readonly totals?: readonly TotalRule[];
  readonly minimums?: readonly MinimumRule[];
}

const threshold = (severity: 'warn' | 'fail' = 'fail') => (severity === 'warn' ? { warn: 0 } : { fail: 0 });

/**
 * Data quality from the schema: required fields missing in RAW (per event type), values outside the
 * event schema's bounds or enums in STAGING, then the given business rules.
 */
export function qualityChecks(ctx: SuiteContext, rules: QualityRules = {}): CheckDefinition[] {
  const checks: CheckDefinition[] = eventFlows(ctx.spec).map((f) => requiredFieldsCheck(ctx, f.staging));
  const { registry } = ctx;
  if (registry !== undefined) {
    for (const staging of ctx.spec.staging) {
      const { ranges, enums } = schemaRules(registry, staging);
      if (ranges.length > 0) checks.push(rangeCheck(staging.table, ranges));
      if (enums.length > 0) checks.push(enumCheck(staging.table, enums));
    }
  }
  for (const rule of rules.totals ?? []) checks.push(totalCheck(ctx, rule));
  for (const rule of rules.minimums ?? []) checks.push(minimumCheck(ctx, rule));
  return checks;
}

function requiredFieldsCheck(ctx: SuiteContext, staging: StagingNode): CheckDefinition {
  const columns = staging.staged.filter((s) => !s.column.nullable).map((s) => s.column.name);
  return sqlCheck({
    name: `required_fields_${staging.eventType.toLowerCase()}`,
    title: `${staging.eventType} events in RAW lacking a required field (last ${ctx.thresholds.windowHours} h)`,
    category: 'quality',
    threshold: { fail: 0 },
    sql: (q) => {
      const tests = missingFieldTests(q, staging, 'r');
      const ing = q.id('INGESTION_TIMESTAMP');
      const any = tests.length === 0 ? 'FALSE' : tests.map((t) => t.sql).join(' OR ');
      return `SELECT
  ${[`COUNT(*) AS ${q.id('ROWS_CHECKED')}`, countWhere(q, any, 'VIOLATING_ROWS'), ...tests.map((t) => countWhere(q, t.sql, t.column))].join(',\n  ')}
FROM ${q.table(ctx.spec.raw)} AS r
WHERE r.${q.id('EVENT_TYPE')} = ${q.text(staging.eventType)}
  AND r.${ing} >= ${q.minus(q.now(), ctx.thresholds.windowHours, 'hour')}`;
    },
    measure: (row) => perColumn(row, columns, 'missing'),
  });
}

function rangeCheck(table: TableNode, rules: readonly RangeRule[]): CheckDefinition {
  const columns = [...new Set(rules.map((r) => r.column))];
  const describe = rules.map((r) => `${r.column} ${r.op} ${r.bound}`).join(', ');
  return sqlCheck({
    name: `ranges_${table.name.name.toLowerCase()}`,
    title: `Rows of ${nameText(table.name)} outside the event schema's bounds (${describe})`.slice(0, 200),
    category: 'quality',
    threshold: { fail: 0 },
    sql: (q) => {
      const test = (column: string) =>
        rules
          .filter((r) => r.column === column)
          .map((r) => `${q.id(column)} ${r.op} ${literal(r.bound)}`)
          .join(' OR ');
      return violationQuery(
        q,
        table,
        columns.map((c) => ({ column: c, sql: test(c) })),
      );
    },
    measure: (row) => perColumn(row, columns, 'out of bounds'),
  });
}

function enumCheck(table: TableNode, rules: readonly EnumRule[]): CheckDefinition {
  const columns = rules.map((r) => r.column);
  return sqlCheck({
    name: `allowed_values_${table.name.name.toLowerCase()}`,
    title:
      `Rows of ${nameText(table.name)} with a value the event schema does not list (${columns.join(', ')})`.slice(
        0,
        200,
      ),
    category: 'quality',
    threshold: { fail: 0 },
    sql: (q) =>
      violationQuery(
        q,
        table,
        rules.map((r) => ({
          column: r.column,
          sql: `${q.id(r.column)} NOT IN (${r.values.map((v) => q.text(v)).join(', ')})`,
        })),
      ),
    measure: (row) => perColumn(row, columns, 'unknown'),
  });
}

function totalCheck(ctx: SuiteContext, rule: TotalRule): CheckDefinition {
  const table = findTable(ctx, rule.table, [
    rule.total,
    rule.quantity,
    rule.unitPrice,
    ...(rule.discount ? [rule.discount] : []),
  ]);
  const formula = `${rule.quantity} × ${rule.unitPrice}${rule.discount ? ` × (1 − ${rule.discount})` : ''}`;
  return sqlCheck({
    name: rule.name,
    title: `Rows of ${nameText(table.name)} whose ${rule.total} is not round2(${formula})`,
    category: 'quality',
    threshold: threshold(rule.severity),
    sql: (q) => {
      const off = rule.discount === undefined ? '' : ` * (1 - ${q.id(rule.discount)})`;
      // Decimal arithmetic in both dialects, so the rounding is the event schema's, to the cent.
      const expected = `ROUND(${q.id(rule.quantity)} * ${q.id(rule.unitPrice)}${off}, 2)`;
      return violationQuery(q, table, [
        { column: rule.total, sql: `ABS(${q.id(rule.total)} - ${expected}) >= 0.005` },
      ]);
    },
    measure: (row) => perColumn(row, [rule.total], 'inconsistent'),
  });
}

function minimumCheck(ctx: SuiteContext, rule: MinimumRule): CheckDefinition {
  const table = findTable(ctx, rule.table, [rule.column]);
  if (!Number.isFinite(rule.min))
    throw new ConfigError(`rules.minimums.${rule.name}.min`, 'a finite number', rule.min);
  return sqlCheck({
    name: rule.name,
    title: rule.title ?? `Rows of ${nameText(table.name)} with ${rule.column} below ${rule.min}`,
    category: 'quality',
    threshold: threshold(rule.severity),
    sql: (q) =>
      violationQuery(q, table, [{ column: rule.column, sql: `${q.id(rule.column)} < ${literal(rule.min)}` }]),
    measure: (row) => perColumn(row, [rule.column], `below ${rule.min}`),
  });
}

/** One row: rows checked, rows breaking any test, and per-column counts named after the columns. */
function violationQuery(
  q: SqlContext,
  table: TableNode,
  tests: readonly { column: string; sql: string }[],
): string {
  const any = tests.map((t) => `(${t.sql})`).join(' OR ');
  return `SELECT
  ${[`COUNT(*) AS ${q.id('ROWS_CHECKED')}`, countWhere(q, any, 'VIOLATING_ROWS'), ...tests.map((t) => countWhere(q, t.sql, t.column))].join(',\n  ')}
FROM ${q.table(table)}`;
}

function countWhere(q: SqlContext, test: string, alias: string): string {
  return `COALESCE(SUM(CASE WHEN ${test} THEN 1 ELSE 0 END), 0) AS ${q.id(alias)}`;
}

function perColumn(row: Row | undefined, columns: readonly string[], what: string) {
  const checked = numberOf(row?.ROWS_CHECKED) ?? 0;
  const value = numberOf(row?.VIOLATING_ROWS) ?? 0;
  const details: Record<string, number> = { ROWS_CHECKED: checked, VIOLATING_ROWS: value };
  const found: string[] = [];
  for (const c of columns) {
    const n = numberOf(row?.[c]) ?? 0;
    details[c] = n;
    if (n > 0) found.push(`${c} ${what} in ${n} row(s)`);
  }
  const message =
    value === 0
      ? `${checked} rows checked, none ${what}`
      : `${value} of ${checked} rows: ${found.join('; ')}`;
  return { value, message, details };
}

function findTable(ctx: SuiteContext, name: QualifiedName, columns: readonly string[]): TableNode {
  const table = allTables(ctx.spec).find((t) => nameText(t.name) === nameText(name));
  if (table === undefined) throw new ConfigError('rules.table', `a table of the spec`, nameText(name));
  for (const c of columns) {
    if (!table.columns.some((col) => col.name === c)) {
      throw new ConfigError('rules.column', `a column of ${nameText(name)}`, c);
    }
  }
  return table;
}

/** Numbers reach SQL text only from the schema or validated options, and only when finite. */
function literal(value: number): string {
  if (!Number.isFinite(value)) throw new ConfigError('rules.bound', 'a finite number', value);
  return String(value);
}
