import { nameText } from '../ddl/spec/names.js';
import { allTables } from '../ddl/spec/pipeline.js';
import type { Layer } from '../ddl/spec/tables.js';
import type { SuiteContext } from './context.js';
import { type CheckDefinition, numberOf, sqlCheck } from './definition.js';
import { completeRow, eventFlows, hasColumn } from './pipeline-shape.js';

const LAYERS: readonly Layer[] = ['raw', 'staging', 'production'];
const INGESTED = 'INGESTION_TIMESTAMP';

/**
 * Freshness of each layer (minutes since its newest row), RAW → PRODUCTION latency per event type
 * (seed 000's "more than 5 minutes"), and events ingested long after they happened.
 */
export function timelinessChecks(ctx: SuiteContext): CheckDefinition[] {
  return [...freshnessChecks(ctx), ...latencyChecks(ctx), lateEventsCheck(ctx)];
}

function freshnessChecks(ctx: SuiteContext): CheckDefinition[] {
  const threshold = ctx.thresholds.freshnessMinutes;
  return LAYERS.flatMap((layer) => {
    const tables = allTables(ctx.spec).filter((t) => t.layer === layer && t.freshnessColumn !== undefined);
    if (tables.length === 0) return [];
    const label = layer.toUpperCase();
    return [
      sqlCheck({
        name: `freshness_${layer}`,
        title: `Minutes since the newest row of ${label} (${tables.map((t) => t.name.name).join(', ')})`,
        category: 'timeliness',
        threshold,
        sql: (q) => {
          const newest = tables
            .map(
              (t) =>
                `SELECT MAX(${q.id(t.freshnessColumn ?? INGESTED)}) AS ${q.id('LAST_AT')} FROM ${q.table(t)}`,
            )
            .join('\n  UNION ALL\n  ');
          return `SELECT ${q.diff('minute', `MAX(m.${q.id('LAST_AT')})`, q.now())} AS ${q.id('AGE_MINUTES')}
FROM (
  ${newest}
) AS m`;
        },
        measure: (row) => {
          const age = numberOf(row?.AGE_MINUTES);
          if (age === null) return { value: null, message: `${label} holds no rows`, status: 'WARN' };
          return { value: age, message: `newest ${label} row is ${age} minute(s) old` };
        },
      }),
    ];
  });
}

function latencyChecks(ctx: SuiteContext): CheckDefinition[] {
  const threshold = ctx.thresholds.latencyMinutes;
  return eventFlows(ctx.spec).flatMap(({ staging, targets }) =>
    targets
      .filter((t) => t.perEvent && hasColumn(t.table, INGESTED))
      .map((target) =>
        sqlCheck({
          name: `latency_${target.table.name.name.toLowerCase()}`,
          title: `Minutes the oldest complete ${staging.eventType} event in RAW has waited to reach ${nameText(target.table.name)}`,
          category: 'timeliness',
          threshold,
          sql: (q) => {
            const ing = q.id(INGESTED);
            const reached = `(SELECT MAX(p.${ing}) FROM ${q.table(target.table)} AS p)`;
            const id = q.id('EVENT_ID');
            // A repeat of an event already moved is not waiting, however late it was written.
            const notThere = hasColumn(target.table, 'EVENT_ID')
              ? `\n  AND NOT EXISTS (SELECT 1 FROM ${q.table(target.table)} AS p WHERE p.${id} = r.${id})`
              : '';
            return `SELECT
  COUNT(*) AS ${q.id('PENDING_EVENTS')},
  ${q.diff('minute', `MIN(r.${ing})`, q.now())} AS ${q.id('LATENCY_MINUTES')}
FROM ${q.table(ctx.spec.raw)} AS r
WHERE r.${q.id('EVENT_TYPE')} = ${q.text(staging.eventType)}
  AND ${completeRow(q, staging, 'r')}
  AND (${reached} IS NULL OR r.${ing} > ${reached})${notThere}`;
          },
          measure: (row) => {
            const pending = numberOf(row?.PENDING_EVENTS) ?? 0;
            const minutes = pending === 0 ? 0 : (numberOf(row?.LATENCY_MINUTES) ?? 0);
            const message =
              pending === 0
                ? `no ${staging.eventType} event waiting for ${target.table.name.name}`
                : `${pending} event(s) waiting, the oldest for ${minutes} minute(s)`;
            return { value: minutes, message, details: { PENDING_EVENTS: pending } };
          },
        }),
      ),
  );
}

function lateEventsCheck(ctx: SuiteContext): CheckDefinition {
  const { lateAfterMinutes: after, windowHours, lateEvents } = ctx.thresholds;
  return sqlCheck({
    name: 'late_events',
    title: `Events ingested more than ${after} minutes after they happened (last ${windowHours} h)`,
    category: 'timeliness',
    threshold: lateEvents,
    sql: (q) => {
      const delay = q.diff('minute', q.id('EVENT_TIMESTAMP'), q.id(INGESTED));
      return `SELECT COUNT(*) AS ${q.id('LATE_EVENTS')}, MAX(${delay}) AS ${q.id('MAX_DELAY_MINUTES')}
FROM ${q.table(ctx.spec.raw)}
WHERE ${q.id(INGESTED)} >= ${q.minus(q.now(), windowHours, 'hour')}
  AND ${delay} > ${after}`;
    },
    measure: (row) => {
      const late = numberOf(row?.LATE_EVENTS) ?? 0;
      const worst = numberOf(row?.MAX_DELAY_MINUTES);
      const message =
        late === 0
          ? 'no late event'
          : `${late} late event(s), the latest ingested ${worst ?? '?'} minute(s) after it happened`;
      return { value: late, message, details: { LATE_EVENTS: late, MAX_DELAY_MINUTES: worst } };
    },
  });
}
