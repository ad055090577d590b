import { pipelineDag } from '../ddl/render.js';
import type { SqlContext } from '../ddl/spec/queries.js';
import { LOCAL_TASK_HISTORY, SQL_NAMES } from '../local/local-schema.js';
import type { QualifiedName } from '../warehouse/identifier.js';
import type { Row } from '../warehouse/warehouse.js';
import type { SuiteContext } from './context.js';
import { type CheckDefinition, numberOf, sqlCheck } from './definition.js';

/**
 * Pipeline health: task runs that failed in the last hour(s) and suspended task graphs, from
 * Snowflake's TASK_HISTORY / SHOW TASKS or local mode's EVENTFLAKE_LOCAL tables; on Snowflake also
 * streams that are stale or go stale soon (SHOW STREAMS). Emulators without these (fakesnow) make
 * the checks ERROR; leave them out with `skip: ['health']`.
 */
export function healthChecks(ctx: SuiteContext): CheckDefinition[] {
  const { spec, thresholds } = ctx;
  const tasks = spec.tasks.map((t) => t.name);
  if (tasks.length === 0) return [];
  const roots = pipelineDag(spec)
    .filter((t) => t.everyMinutes !== null)
    .map((t) => t.name);
  const hours = thresholds.taskHistoryHours;
  const checks: CheckDefinition[] = [
    sqlCheck({
      name: 'failed_tasks',
      title: `Task runs that failed in the last ${hours} hour(s)`,
      category: 'health',
      threshold: { fail: 0 },
      sql: (q) => {
        const names = list(q, q.dialect === 'snowflake' ? 'NAME' : '"NAME"', tasks);
        if (q.dialect === 'snowflake') {
          // TASK_HISTORY takes and returns TIMESTAMP_LTZ: CURRENT_TIMESTAMP(), not our UTC SYSDATE().
          return `SELECT COUNT(*) AS "FAILED_RUNS", LISTAGG(DISTINCT NAME, ', ') AS "TASKS"
FROM TABLE(${q.id(spec.database)}.INFORMATION_SCHEMA.TASK_HISTORY(
  SCHEDULED_TIME_RANGE_START => DATEADD(HOUR, -${hours}, CURRENT_TIMESTAMP()),
  ERROR_ONLY => TRUE
))
WHERE ${names}`;
        }
        return `SELECT COUNT(*) AS "FAILED_RUNS", STRING_AGG(DISTINCT "NAME", ', ') AS "TASKS"
FROM ${q.table(LOCAL_TASK_HISTORY)}
WHERE "STATE" = 'FAILED'
  AND "SCHEDULED_TIME" >= ${q.minus(q.now(), hours, 'hour')}
  AND ${names}`;
      },
      measure: (row) => counted(row, 'FAILED_RUNS', 'failed run(s)', 'no failed task run'),
    }),
    sqlCheck({
      name: 'suspended_tasks',
      title: 'Tasks of the pipeline that are suspended (after repeated failures, or by hand)',
      category: 'health',
      threshold: { fail: 0 },
      sql: (q) => {
        if (q.dialect === 'snowflake') {
          return `SHOW TASKS IN DATABASE ${q.id(spec.database)}
->> SELECT COUNT(*) AS "SUSPENDED_TASKS", LISTAGG("name", ', ') AS "TASKS" FROM $1
WHERE "state" = 'suspended' AND ${list(q, '"name"', tasks, '"schema_name"')}`;
        }
        const inRoots = roots.map((r) => q.text(r)).join(', ');
        return `SELECT COUNT(*) AS "SUSPENDED_TASKS", STRING_AGG("ROOT_NAME", ', ') AS "TASKS"
FROM ${SQL_NAMES.graphState}
WHERE "SUSPENDED" AND "ROOT_NAME" IN (${inRoots})`;
      },
      measure: (row) => counted(row, 'SUSPENDED_TASKS', 'suspended task(s)', 'no suspended task'),
    }),
  ];
  const streams = spec.streams.map((s) => s.name);
  if (streams.length > 0) checks.push(staleStreamsCheck(ctx, streams));
  return checks;
}

function staleStreamsCheck(ctx: SuiteContext, streams: readonly QualifiedName[]): CheckDefinition {
  const within = ctx.thresholds.staleWithinHours;
  const stale = `LOWER(TO_VARCHAR("stale")) = 'true'`;
  return sqlCheck({
    name: 'stale_streams',
    title: `Streams that are stale (FAIL) or go stale within ${within} hours (WARN)`,
    category: 'health',
    dialects: ['snowflake'],
    threshold: { fail: 0 },
    sql: (q) => `SHOW STREAMS IN DATABASE ${q.id(ctx.spec.database)}
->> SELECT COUNT_IF(${stale}) AS "STALE_STREAMS",
  COUNT_IF(NOT ${stale} AND "stale_after" < DATEADD(HOUR, ${within}, CURRENT_TIMESTAMP())) AS "SOON_STALE_STREAMS",
  LISTAGG(CASE WHEN ${stale} THEN "name" END, ', ') AS "STREAMS"
FROM $1
WHERE ${list(q, '"name"', streams, '"schema_name"')}`,
    measure: (row) => {
      const staleCount = numberOf(row?.STALE_STREAMS) ?? 0;
      const soon = numberOf(row?.SOON_STALE_STREAMS) ?? 0;
      const details = { STALE_STREAMS: staleCount, SOON_STALE_STREAMS: soon };
      if (staleCount > 0) {
        return {
          value: staleCount,
          message: `${staleCount} stale stream(s): ${String(row?.STREAMS ?? '')}`,
          details,
        };
      }
      if (soon > 0) {
        return {
          value: 0,
          message: `${soon} stream(s) go stale within ${within} hours`,
          details,
          status: 'WARN',
        };
      }
      return { value: 0, message: 'no stream stale or close to it', details };
    },
  });
}

/** `(schema = 'S' AND name IN ('A', 'B')) OR ...`, one group per schema. */
function list(
  q: SqlContext,
  nameColumn: string,
  names: readonly QualifiedName[],
  schemaColumn?: string,
): string {
  const bySchema = new Map<string, string[]>();
  for (const n of names) bySchema.set(n.schema, [...(bySchema.get(n.schema) ?? []), n.name]);
  const column = schemaColumn ?? (q.dialect === 'snowflake' ? 'SCHEMA_NAME' : '"SCHEMA_NAME"');
  const groups = [...bySchema].map(
    ([schema, members]) =>
      `(${column} = ${q.text(schema)} AND ${nameColumn} IN (${members.map((m) => q.text(m)).join(', ')}))`,
  );
  return `(${groups.join(' OR ')})`;
}

function counted(row: Row | undefined, column: string, what: string, none: string) {
  const value = numberOf(row?.[column]) ?? 0;
  const names = row?.TASKS === null || row?.TASKS === undefined ? '' : String(row.TASKS);
  return { value, message: value === 0 ? none : `${value} ${what}: ${names}`, details: { [column]: value } };
}
