import { nameText } from '../ddl/spec/names.js';
import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import type { SqlContext } from '../ddl/spec/queries.js';
import type { StagedColumn, StagingNode } from '../ddl/spec/staging.js';
import type { TableNode } from '../ddl/spec/tables.js';
import { type AppendNewNode, type MergeLatestNode, sourceOf } from '../ddl/spec/transforms.js';
import { RAW_COLUMNS } from '../warehouse/raw-layout.js';
import { fieldText, fieldValue } from './check-sql.js';

/** A PRODUCTION table fed from a STAGING table, with its business key in both tables. */
export interface ProductionTarget {
  readonly table: TableNode;
  readonly transform: MergeLatestNode | AppendNewNode;
  /** Key column names in the PRODUCTION table and, in the same order, in STAGING. */
  readonly key: readonly string[];
  readonly stagingKey: readonly string[];
  /** True when the target keeps one row per event key (an order, an adjustment): latency is measured on it. */
  readonly perEvent: boolean;
}

/** One event type's way through the pipeline: RAW → its STAGING table → the tables fed from it. */
export interface EventFlow {
  readonly staging: StagingNode;
  readonly targets: readonly ProductionTarget[];
}

/**
 * The flows of a spec, read from its tasks: for each STAGING table, the MERGE/append tasks whose
 * stream is on it.
 *
 * @example
 * eventFlows(wineShopSpec).map((f) => f.staging.eventType); // ['ORDER_CREATED', 'INVENTORY_ADJUSTED']
 */
export function eventFlows(spec: PipelineSpec): EventFlow[] {
  return spec.staging.map((staging) => {
    const targets: ProductionTarget[] = [];
    for (const task of spec.tasks) {
      const t = task.transform;
      if (t.kind !== 'merge_latest' && t.kind !== 'append_new') continue;
      if (nameText(t.source.on.name) !== nameText(staging.table.name)) continue;
      const stagingKey = t.key.map((k) => sourceOf(t.projections, k) ?? k);
      const perEvent =
        stagingKey.length === staging.key.length && stagingKey.every((k) => staging.key.includes(k));
      targets.push({ table: t.target, transform: t, key: t.key, stagingKey, perEvent });
    }
    return { staging, targets };
  });
}

const TEXT_RAW_COLUMNS: ReadonlySet<string> = new Set(
  RAW_COLUMNS.filter((c) => c.duckdb === 'VARCHAR').map((c) => c.name),
);

/**
 * For each required STAGING column, the SQL that is true when a RAW row (alias `alias`) lacks it:
 * absent, JSON null, or blank text. Presence only, not convertibility: a value of the wrong type
 * reaches neither STAGING nor this check, and reconciliation reports it as lost.
 */
export function missingFieldTests(
  q: SqlContext,
  staging: StagingNode,
  alias: string,
): { readonly column: string; readonly sql: string }[] {
  return staging.staged
    .filter((s) => !s.column.nullable)
    .map((s) => ({ column: s.column.name, sql: missingTest(q, s, alias) }));
}

function missingTest(q: SqlContext, staged: StagedColumn, alias: string): string {
  const { source, column } = staged;
  if (source.kind === 'raw') {
    const ref = `${alias}.${q.id(source.column)}`;
    return TEXT_RAW_COLUMNS.has(source.column) ? `NULLIF(TRIM(${ref}), '') IS NULL` : `${ref} IS NULL`;
  }
  const data = `${alias}.${q.id('EVENT_DATA')}`;
  if (column.type.kind === 'variant') return `${fieldValue(q, data, source.path)} IS NULL`;
  return `NULLIF(TRIM(${fieldText(q, data, source.path)}), '') IS NULL`;
}

/** SQL true when a RAW row lacks a required field of its event type; one test per line. */
export function incompleteRow(q: SqlContext, staging: StagingNode, alias: string): string {
  const tests = missingFieldTests(q, staging, alias).map((t) => t.sql);
  return tests.length === 0 ? 'FALSE' : `(${tests.join('\n      OR ')})`;
}

/** SQL true when a RAW row has every required field of its event type. */
export function completeRow(q: SqlContext, staging: StagingNode, alias: string): string {
  return `NOT ${incompleteRow(q, staging, alias)}`;
}

/** `a.K1 = b.S1 AND ...` for a key mapped between two tables. */
export function keyMatch(
  q: SqlContext,
  left: { alias: string; columns: readonly string[] },
  right: { alias: string; columns: readonly string[] },
): string {
  return left.columns
    .map((c, i) => `${left.alias}.${q.id(c)} = ${right.alias}.${q.id(right.columns[i] ?? c)}`)
    .join(' AND ');
}

/** Whether a table has a column. */
export function hasColumn(table: TableNode, name: string): boolean {
  return table.columns.some((c) => c.name === name);
}
