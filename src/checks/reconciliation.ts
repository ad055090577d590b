import type { SqlContext } from '../ddl/spec/queries.js';
import type { TableNode } from '../ddl/spec/tables.js';
import type { Row } from '../warehouse/warehouse.js';
import type { SuiteContext } from './context.js';
import { type CheckDefinition, numberOf, sqlCheck } from './definition.js';
import {
  completeRow,
  type EventFlow,
  eventFlows,
  hasColumn,
  incompleteRow,
  keyMatch,
} from './pipeline-shape.js';

const INGESTED = 'INGESTION_TIMESTAMP';

/**
 * RAW → STAGING → PRODUCTION reconciliation, one check per event type. Within the window, every
 * complete RAW event ingested before STAGING's newest row must be in STAGING, and every STAGING key
 * settled in the same way must be in each PRODUCTION table; rows a later layer holds that the earlier
 * one lacks are counted too. Rows newer than a layer's newest row are pending: latency's business.
 * With expected counts, RAW's distinct events of the type must match exactly.
 */
export function reconciliationChecks(ctx: SuiteContext): CheckDefinition[] {
  const checks = eventFlows(ctx.spec).map((flow) => flowCheck(ctx, flow));
  const delivery = ctx.expected?.delivery;
  if (delivery !== undefined) {
    const expected = delivery.delivered - delivery.deadLettered - delivery.deduplicated;
    checks.push(
      sqlCheck({
        name: 'reconciliation_delivery',
        title: `RAW holds delivered (${delivery.delivered}) − dead-lettered (${delivery.deadLettered}) − deduplicated (${delivery.deduplicated}) events`,
        category: 'reconciliation',
        threshold: { fail: 0 },
        sql: (q) =>
          `SELECT COUNT(DISTINCT r.${q.id('EVENT_ID')}) AS ${q.id('RAW_EVENTS')} FROM ${q.table(ctx.spec.raw)} AS r`,
        measure: (row) => {
          const raw = numberOf(row?.RAW_EVENTS) ?? 0;
          const value = Math.abs(raw - expected);
          const message =
            value === 0
              ? `RAW holds the ${expected} events expected`
              : `RAW holds ${raw} distinct events, expected ${expected}`;
          return { value, message, details: { RAW_EVENTS: raw, EXPECTED: expected } };
        },
      }),
    );
  }
  return checks;
}

function flowCheck(ctx: SuiteContext, flow: EventFlow): CheckDefinition {
  const { staging } = flow;
  const targets = flow.targets.filter((t) => hasColumn(t.table, INGESTED));
  const expected = ctx.expected?.events?.[staging.eventType];
  const layers = [staging.table, ...targets.map((t) => t.table)];
  const gapColumns = layers.flatMap((t) => [`MISSING_IN_${t.name.name}`, `UNKNOWN_IN_${t.name.name}`]);
  return sqlCheck({
    name: `reconciliation_${staging.eventType.toLowerCase()}`,
    title: `${staging.eventType}: RAW, ${layers.map((t) => t.name.name).join(', ')} agree (last ${ctx.thresholds.windowHours} h)`,
    category: 'reconciliation',
    threshold: { fail: 0 },
    sql: (q) => {
      const since = q.minus(q.now(), ctx.thresholds.windowHours, 'hour');
      const [id, ing] = [q.id('EVENT_ID'), q.id(INGESTED)];
      const raw = q.table(ctx.spec.raw);
      const stg = q.table(staging.table);
      const ofType = `r.${q.id('EVENT_TYPE')} = ${q.text(staging.eventType)}`;
      const complete = completeRow(q, staging, 'r');
      const parts = [
        `(SELECT COUNT(DISTINCT r.${id}) FROM ${raw} AS r WHERE ${ofType}) AS ${q.id('RAW_EVENTS')}`,
        `(SELECT COUNT(DISTINCT r.${id}) FROM ${raw} AS r WHERE ${ofType} AND r.${ing} >= ${since}
    AND ${incompleteRow(q, staging, 'r')}) AS ${q.id('INCOMPLETE_EVENTS')}`,
        `(SELECT COUNT(DISTINCT r.${id}) FROM ${raw} AS r
    WHERE ${ofType} AND r.${ing} >= ${since}
      AND ${complete}
      AND r.${ing} <= (SELECT MAX(s.${ing}) FROM ${stg} AS s)
      AND NOT EXISTS (SELECT 1 FROM ${stg} AS s WHERE s.${id} = r.${id})) AS ${q.id(`MISSING_IN_${staging.table.name.name}`)}`,
        `(SELECT COUNT(*) FROM ${stg} AS s
    WHERE s.${ing} >= ${since} AND NOT EXISTS (SELECT 1 FROM ${raw} AS r WHERE r.${id} = s.${id})) AS ${q.id(`UNKNOWN_IN_${staging.table.name.name}`)}`,
        ...targets.flatMap((t) =>
          targetGaps(q, stg, t.table, { key: t.key, stagingKey: t.stagingKey }, since),
        ),
      ];
      return `SELECT\n  ${parts.join(',\n  ')}`;
    },
    measure: (row) => measureFlow(row, staging.eventType, gapColumns, expected),
  });
}

function targetGaps(
  q: SqlContext,
  stg: string,
  target: TableNode,
  keys: { key: readonly string[]; stagingKey: readonly string[] },
  since: string,
): string[] {
  const ing = q.id(INGESTED);
  const prod = q.table(target);
  const match = keyMatch(q, { alias: 'p', columns: keys.key }, { alias: 's', columns: keys.stagingKey });
  const distinctKeys = keys.stagingKey.map((k) => `s.${q.id(k)}`).join(', ');
  return [
    `(SELECT COUNT(*) FROM (SELECT DISTINCT ${distinctKeys} FROM ${stg} AS s
    WHERE s.${ing} >= ${since} AND s.${ing} <= (SELECT MAX(p.${ing}) FROM ${prod} AS p)
      AND NOT EXISTS (SELECT 1 FROM ${prod} AS p WHERE ${match})) AS m) AS ${q.id(`MISSING_IN_${target.name.name}`)}`,
    `(SELECT COUNT(*) FROM ${prod} AS p
    WHERE p.${ing} >= ${since} AND NOT EXISTS (SELECT 1 FROM ${stg} AS s WHERE ${match})) AS ${q.id(`UNKNOWN_IN_${target.name.name}`)}`,
  ];
}

function measureFlow(
  row: Row | undefined,
  eventType: string,
  gapColumns: readonly string[],
  expected: number | undefined,
) {
  const details: Record<string, number | null> = {};
  const read = (column: string) => {
    const n = numberOf(row?.[column]) ?? 0;
    details[column] = n;
    return n;
  };
  const raw = read('RAW_EVENTS');
  const incomplete = read('INCOMPLETE_EVENTS');
  const problems: string[] = [];
  let value = 0;
  for (const column of gapColumns) {
    const n = read(column);
    value += n;
    if (n > 0) {
      const [what, table] = column.startsWith('MISSING_IN_')
        ? ['settled events missing from', column.slice('MISSING_IN_'.length)]
        : ['rows with no source in the layer before, in', column.slice('UNKNOWN_IN_'.length)];
      problems.push(`${n} ${what} ${table}`);
    }
  }
  if (expected !== undefined) {
    details.EXPECTED_EVENTS = expected;
    const off = Math.abs(raw - expected);
    value += off;
    if (off > 0) problems.push(`RAW holds ${raw} ${eventType} events, expected ${expected}`);
  }
  const message =
    problems.length > 0
      ? problems.join('; ')
      : `${raw} ${eventType} events in RAW${expected === undefined ? '' : ' as expected'} (${incomplete} incomplete in the window); every settled event reached each layer`;
  return { value, message, details };
}
