import { findColumn } from './columns.js';
import { DdlSpecError } from './errors.js';
import { nameText } from './names.js';
import { type QueryNode, query } from './queries.js';
import type { StagingNode } from './staging.js';
import type { TableNode } from './tables.js';
import { wholeNumber } from './tasks.js';

/**
 * Task runs that failed in the last hours (seed 000's first alert). Snowflake only: DuckDB has no tasks.
 *
 * @example
 * failedTasksAlert(1);
 */
export function failedTasksAlert(withinHours = 1): QueryNode {
  const hours = wholeNumber(withinHours, 1, 168, 'withinHours');
  // TASK_HISTORY takes and returns TIMESTAMP_LTZ, so CURRENT_TIMESTAMP() (not our UTC now) is right here.
  return query(
    'alert_failed_tasks',
    `Task runs that failed in the last ${hours} hour(s)`,
    (q) => `SELECT NAME, STATE, ERROR_CODE, ERROR_MESSAGE, SCHEDULED_TIME
FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(
  SCHEDULED_TIME_RANGE_START => DATEADD(HOUR, -${hours}, CURRENT_TIMESTAMP()),
  ERROR_ONLY => TRUE
))
WHERE NAME LIKE ${q.text('TASK_%')}
ORDER BY SCHEDULED_TIME DESC`,
    ['snowflake'],
  );
}

/**
 * RAW events of one type that have waited longer than the threshold without reaching `target`
 * (seed 000's latency alert, measured on the rows still pending rather than on the last update).
 *
 * @example
 * latencyAlert({ raw, eventType: 'ORDER_CREATED', target: orders, thresholdMinutes: 5 });
 */
export function latencyAlert(options: {
  readonly raw: TableNode;
  readonly eventType: string;
  readonly target: TableNode;
  readonly thresholdMinutes?: number;
}): QueryNode {
  const minutes = wholeNumber(options.thresholdMinutes ?? 5, 1, 10_080, 'thresholdMinutes');
  findColumn(options.target.columns, 'INGESTION_TIMESTAMP', `table ${nameText(options.target.name)}`);
  const { raw, target, eventType } = options;
  return query(
    `alert_latency_${target.name.name.toLowerCase()}`,
    `${eventType} events waiting more than ${minutes} minutes to reach ${nameText(target.name)}`,
    (q) => {
      const ingested = q.id('INGESTION_TIMESTAMP');
      const reached = `(SELECT MAX(p.${ingested}) FROM ${q.table(target)} AS p)`;
      return `SELECT
  COUNT(*) AS ${q.id('PENDING_EVENTS')},
  MIN(r.${ingested}) AS ${q.id('OLDEST_PENDING_INGESTION')},
  ${q.diff('minute', `MIN(r.${ingested})`, q.now())} AS ${q.id('LATENCY_MINUTES')}
FROM ${q.table(raw)} AS r
WHERE r.${q.id('EVENT_TYPE')} = ${q.text(eventType)}
  AND (${reached} IS NULL OR r.${ingested} > ${reached})
HAVING MIN(r.${ingested}) < ${q.minus(q.now(), minutes, 'minute')}`;
    },
  );
}

/**
 * Products whose stock level is zero or below (seed 000's third alert).
 *
 * @example
 * outOfStockAlert({ table: inventoryCurrent, level: 'CURRENT_STOCK_LEVEL', show: ['PRODUCT_ID'], newestFirst: 'LAST_ADJUSTMENT_TIMESTAMP' });
 */
export function outOfStockAlert(options: {
  readonly table: TableNode;
  readonly level: string;
  readonly show: readonly string[];
  readonly newestFirst: string;
}): QueryNode {
  const where = `table ${nameText(options.table.name)}`;
  for (const c of [options.level, options.newestFirst, ...options.show])
    findColumn(options.table.columns, c, where);
  const shown = [...options.show, options.level, options.newestFirst];
  if (new Set(shown).size !== shown.length)
    throw new DdlSpecError('outOfStockAlert: show lists a column twice');
  return query('alert_out_of_stock', 'Products out of stock', (q) => {
    return `SELECT ${shown.map((c) => q.id(c)).join(', ')}
FROM ${q.table(options.table)}
WHERE ${q.id(options.level)} <= 0
ORDER BY ${q.id(options.newestFirst)} DESC`;
  });
}

/**
 * Events ingested long after they happened, per type (seed 001's late-event detection).
 *
 * @example
 * lateEventsQuery(raw, { thresholdMinutes: 5, days: 7 });
 */
export function lateEventsQuery(
  raw: TableNode,
  options: { thresholdMinutes?: number; days?: number } = {},
): QueryNode {
  const minutes = wholeNumber(options.thresholdMinutes ?? 5, 1, 10_080, 'thresholdMinutes');
  const days = wholeNumber(options.days ?? 7, 1, 3_650, 'days');
  return query(
    'late_events',
    `Events ingested more than ${minutes} minutes after they happened (last ${days} days)`,
    (q) => {
      const delay = q.diff('minute', q.id('EVENT_TIMESTAMP'), q.id('INGESTION_TIMESTAMP'));
      return `SELECT
  ${q.id('EVENT_TYPE')},
  COUNT(*) AS ${q.id('LATE_EVENTS')},
  MAX(${delay}) AS ${q.id('MAX_DELAY_MINUTES')},
  AVG(${delay}) AS ${q.id('AVG_DELAY_MINUTES')}
FROM ${q.table(raw)}
WHERE ${q.id('INGESTION_TIMESTAMP')} >= ${q.minus(q.now(), days, 'day')}
  AND ${delay} > ${minutes}
GROUP BY ${q.id('EVENT_TYPE')}
ORDER BY ${q.id('LATE_EVENTS')} DESC`;
    },
  );
}

/**
 * RAW events of a staged type that never reached their STAGING table: a required field failed to
 * convert, so the task left the row in RAW. Looks at rows older than a grace period (the task may
 * not have run yet) and younger than `withinHours` (inside STAGING's retention).
 *
 * @example
 * unstagedAlert(raw, stgOrders, { graceMinutes: 10, withinHours: 24 });
 */
export function unstagedAlert(
  raw: TableNode,
  staging: StagingNode,
  options: { graceMinutes?: number; withinHours?: number } = {},
): QueryNode {
  const grace = wholeNumber(options.graceMinutes ?? 10, 1, 1_440, 'graceMinutes');
  const hours = wholeNumber(options.withinHours ?? 24, 1, 720, 'withinHours');
  const target = staging.table;
  return query(
    `alert_unstaged_${target.name.name.toLowerCase()}`,
    `${staging.eventType} events in RAW that did not reach ${nameText(target.name)} (last ${hours} hours)`,
    (q) => {
      const [eventId, ingested] = [q.id('EVENT_ID'), q.id('INGESTION_TIMESTAMP')];
      return `SELECT
  COUNT(*) AS ${q.id('UNSTAGED_EVENTS')},
  MIN(r.${ingested}) AS ${q.id('OLDEST_INGESTION')},
  MAX(r.${ingested}) AS ${q.id('NEWEST_INGESTION')}
FROM ${q.table(raw)} AS r
WHERE r.${q.id('EVENT_TYPE')} = ${q.text(staging.eventType)}
  AND r.${ingested} < ${q.minus(q.now(), grace, 'minute')}
  AND r.${ingested} >= ${q.minus(q.now(), hours, 'hour')}
  AND NOT EXISTS (SELECT 1 FROM ${q.table(target)} AS s WHERE s.${eventId} = r.${eventId})
HAVING COUNT(*) > 0`;
    },
  );
}
