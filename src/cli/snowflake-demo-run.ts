import { formatReport } from '../checks/format-report.js';
import { runChecks } from '../checks/run-checks.js';
import { wineShopChecks } from '../checks/wine-shop-checks.js';
import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import { quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { generateRecords, landRecords } from './demo-landing.js';
import type { Transport } from './demo-transport.js';
import { type LocalRunOptions, printReconciliation, type ReconciliationLine } from './local-run.js';
import { formatTable } from './print-table.js';
import { errorMessage } from './run.js';

/** EVENT_IDs bound per counting query: a bounded statement whatever the run's size. */
const IDS_PER_QUERY = 500;

/**
 * The demo on Snowflake: lands the seeded records in RAW through the sink, prints RAW's counts, runs the
 * checks in the Snowflake dialect and reconciles this run's events in RAW. The task DAG is Snowflake's own
 * (sql/snowflake, applied by hand) and runs on its schedule, so STAGING and PRODUCTION follow later.
 * Resolves with the checks' exit code, or 2 when the reconciliation fails.
 *
 * @example
 * const code = await runOnSnowflake(await SnowflakeWarehouse.connect(config), { ...options, transport });
 */
export async function runOnSnowflake(
  warehouse: Warehouse,
  options: Omit<LocalRunOptions, 'db' | 'transport'> & {
    readonly transport: Transport;
    readonly database: string;
  },
): Promise<number> {
  const { print } = options;
  const raw = wineShopSpec.raw.name;
  print(
    'The task DAG runs in Snowflake on its own schedule: the SQL under sql/snowflake (01 to 08) must have been ' +
      'applied by hand (eventflake render-sql); this run lands RAW only.\n',
  );
  const { events, records, faults } = generateRecords(options);
  const landing = await landRecords({
    warehouse,
    table: raw,
    dlq: options.dlq,
    records,
    transport: options.transport,
  });
  print(
    `Delivered ${records.length} records: ${landing.inserted} landed in RAW, ${landing.skipped} already there, ` +
      `${landing.letters} sent to the DLQ (${options.dlq}).\n`,
  );
  const counts = await warehouse.execute(
    `SELECT "EVENT_TYPE", COUNT(*) AS "ROWS" FROM ${quoteQualified(raw)} GROUP BY "EVENT_TYPE" ORDER BY "EVENT_TYPE"`,
  );
  print(formatTable(`RAW (${quoteQualified(raw)}) by event type`, counts));

  const skip = ['late_events'];
  const denied = await taskHistoryDenied(warehouse);
  if (denied !== undefined) {
    skip.push('health');
    print(`TASK_HISTORY is not readable here (${denied}): the health checks are skipped.\n`);
  }
  const report = await runChecks({ warehouse, ...wineShopChecks, database: options.database, skip });
  print(`\nChecks\n${formatReport(report)}\n`);
  const ours = await countRunEvents(
    warehouse,
    events.map((e) => e.event_id),
  );
  const lines: ReconciliationLine[] = [
    {
      check: "RAW rows with this run's EVENT_IDs = generated events",
      actual: ours.rows,
      expected: events.length,
    },
    { check: 'RAW distinct EVENT_IDs = RAW rows', actual: ours.distinct, expected: ours.rows },
    { check: 'DLQ letters = malformed events', actual: landing.letters, expected: faults.malformed },
  ];
  return printReconciliation(lines, report, print);
}

/** Undefined when TASK_HISTORY answers; otherwise why not (a role without MONITOR, an emulator). */
async function taskHistoryDenied(warehouse: Warehouse): Promise<string | undefined> {
  try {
    await warehouse.execute(
      `SELECT 1 FROM TABLE(${quoteIdentifier(wineShopSpec.database)}.INFORMATION_SCHEMA.TASK_HISTORY(RESULT_LIMIT => 1))`,
    );
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** RAW is shared with earlier runs and other writers: only this run's EVENT_IDs are counted. */
async function countRunEvents(
  warehouse: Warehouse,
  ids: readonly string[],
): Promise<{ rows: number; distinct: number }> {
  const total = { rows: 0, distinct: 0 };
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const [row] = await warehouse.execute(
      `SELECT COUNT(*) AS "N", COUNT(DISTINCT "EVENT_ID") AS "D" FROM ${quoteQualified(wineShopSpec.raw.name)}
WHERE "EVENT_ID" IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    total.rows += Number(row?.N);
    total.distinct += Number(row?.D);
  }
  return total;
}
