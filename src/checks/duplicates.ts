import type { TableNode } from '../ddl/spec/tables.js';
import type { SuiteContext } from './context.js';
import { type CheckDefinition, numberOf, sqlCheck } from './definition.js';
import { eventFlows } from './pipeline-shape.js';

/**
 * Keys held by more than one row: EVENT_ID in RAW (the sink's idempotent insert never writes a
 * second one, so a repeat came from elsewhere), and the business key of each PRODUCTION table a
 * MERGE or append keeps unique.
 */
export function duplicateChecks(ctx: SuiteContext): CheckDefinition[] {
  const checks = [duplicateCheck(ctx.spec.raw, ['EVENT_ID'])];
  const seen = new Set<string>();
  for (const flow of eventFlows(ctx.spec)) {
    for (const target of flow.targets) {
      const name = `${target.table.name.schema}.${target.table.name.name}`;
      if (seen.has(name)) continue;
      seen.add(name);
      checks.push(duplicateCheck(target.table, target.key));
    }
  }
  return checks;
}

function duplicateCheck(table: TableNode, key: readonly string[]): CheckDefinition {
  const label = `${table.name.schema}.${table.name.name}`;
  return sqlCheck({
    name: `duplicates_${table.name.name.toLowerCase()}`,
    title: `${key.join(', ')} held by more than one row of ${label}`,
    category: 'duplicates',
    threshold: { fail: 0 },
    sql: (q) => {
      const columns = key.map((k) => q.id(k)).join(', ');
      return `SELECT COUNT(*) AS ${q.id('DUPLICATE_KEYS')}, COALESCE(SUM(d.${q.id('N')} - 1), 0) AS ${q.id('EXTRA_ROWS')}
FROM (
  SELECT ${columns}, COUNT(*) AS ${q.id('N')}
  FROM ${q.table(table)}
  GROUP BY ${columns}
  HAVING COUNT(*) > 1
) AS d`;
    },
    measure: (row) => {
      const keys = numberOf(row?.DUPLICATE_KEYS) ?? 0;
      const extra = numberOf(row?.EXTRA_ROWS) ?? 0;
      const message =
        keys === 0
          ? `every ${key.join(', ')} is unique in ${label}`
          : `${keys} ${key.join(', ')} value(s) repeated in ${label} (${extra} extra rows)`;
      return { value: keys, message, details: { DUPLICATE_KEYS: keys, EXTRA_ROWS: extra } };
    },
  });
}
