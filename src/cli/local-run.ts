import { formatReport } from '../checks/format-report.js';
import { exitCodeFor } from '../checks/report.js';
import { runChecks } from '../checks/run-checks.js';
import type { CheckReport } from '../checks/types.js';
import { wineShopChecks } from '../checks/wine-shop-checks.js';
import { render } from '../ddl/render.js';
import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import { LocalPipeline } from '../local/local-pipeline.js';
import { generateRecords, landRecords } from './demo-landing.js';
import { inProcessTransport, type Transport } from './demo-transport.js';
import { formatTable } from './print-table.js';

/** What `run-local` does: the wine-shop pipeline on a DuckDB file. */
export interface LocalRunOptions {
  readonly events: number;
  readonly days: number;
  readonly seed: number;
  /** DuckDB file (or `:memory:`). */
  readonly db: string;
  /** JSON Lines file that receives the dead letters; must not hold earlier ones. */
  readonly dlq: string;
  readonly malformedRate: number;
  readonly duplicateRate: number;
  /** Where the tables go, e.g. `(text) => process.stdout.write(text)`. */
  readonly print: (text: string) => void;
  /** How the records reach the sink. @default in-process */
  readonly transport?: Transport;
}

/** One line of the reconciliation: what was measured against what the seeded run implies. */
export interface ReconciliationLine {
  readonly check: string;
  readonly actual: number;
  readonly expected: number;
}

/** Seed 000's analytics shown after the run: statement name in 08_queries, title, rows shown. */
const ANALYTICS: ReadonlyArray<readonly [string, string, number]> = [
  ['daily_kpis', 'Daily KPIs', 31],
  ['revenue_by_category', 'Revenue by category', 10],
  ['stock_out_forecast', 'Stock-out forecast (first 8)', 8],
];

/**
 * Seeded events over a few simulated days (with malformed and duplicated ones, as real producers
 * send) → transport (in-process unless given) → batch sink → RAW → task DAG → STAGING → PRODUCTION, then the checks and
 * a reconciliation. Resolves with the checks' exit code, or 2 when the reconciliation fails.
 *
 * @example
 * const code = await runLocal({ events: 5000, days: 3, seed: 42, db: 'caves.duckdb', dlq: 'dlq.jsonl', malformedRate: 0.01, duplicateRate: 0.01, print: console.log });
 */
export async function runLocal(options: LocalRunOptions): Promise<number> {
  const { print } = options;
  const local = await LocalPipeline.open({ path: options.db });
  try {
    const { events, records, faults } = generateRecords(options);
    const { inserted, letters } = await landRecords({
      warehouse: local.warehouse,
      table: local.rawTable,
      dlq: options.dlq,
      records,
      transport: options.transport ?? inProcessTransport(),
    });
    const duplicates = records.length - inserted - letters;
    print(
      `Delivered ${records.length} records: ${inserted} landed in RAW, ${duplicates} duplicates dropped, ` +
        `${letters} sent to the DLQ (${options.dlq}).\n`,
    );

    const runs = await local.runUntilIdle();
    const byState = new Map<string, number>();
    for (const run of runs) byState.set(run.state, (byState.get(run.state) ?? 0) + 1);
    print(`Task DAG: ${[...byState].map(([state, n]) => `${n} ${state}`).join(', ')}.\n`);
    const statements = render(wineShopSpec, { dialect: 'duckdb' }).flatMap((file) => file.statements);
    const health = 'SELECT * FROM "MONITORING"."PIPELINE_HEALTH" ORDER BY "LAYER", "TABLE_NAME"';
    print(formatTable('Pipeline health (MONITORING.PIPELINE_HEALTH)', await local.warehouse.execute(health)));
    for (const [name, title, limit] of ANALYTICS) {
      const sql = statements.find((statement) => statement.name === name)?.sql;
      if (sql !== undefined) print(formatTable(title, (await local.warehouse.execute(sql)).slice(0, limit)));
    }

    // Every event of a backfill over past days counts as late (ingested days after it happened):
    // late_events exists to flag that in a live stream, so it is skipped here.
    const report = await runChecks({ warehouse: local.warehouse, ...wineShopChecks, skip: ['late_events'] });
    print(`\nChecks\n${formatReport(report)}\n`);
    const lines = await reconcile(local, {
      generated: events.length,
      malformed: faults.malformed,
      duplicates: { dropped: duplicates, injected: faults.duplicate },
      letters,
    });
    return printReconciliation(lines, report, print);
  } finally {
    await local.close();
  }
}

/**
 * Prints the reconciliation table; resolves with the checks' exit code, or 2 when a line fails.
 *
 * @example
 * return printReconciliation(lines, report, console.log);
 */
export function printReconciliation(
  lines: readonly ReconciliationLine[],
  report: CheckReport,
  print: (text: string) => void,
): number {
  print(
    formatTable(
      'Reconciliation',
      lines.map((l) => ({ ...l, status: l.actual === l.expected ? 'PASS' : 'FAIL' })),
    ),
  );
  return lines.every((l) => l.actual === l.expected) ? exitCodeFor(report) : 2;
}

/** Every generated event in RAW exactly once, every malformed one in the DLQ, and PRODUCTION agrees. */
async function reconcile(
  local: LocalPipeline,
  counts: {
    readonly generated: number;
    readonly malformed: number;
    readonly duplicates: { readonly dropped: number; readonly injected: number };
    readonly letters: number;
  },
): Promise<ReconciliationLine[]> {
  const [raw] = await local.warehouse.execute(
    `SELECT count(*) AS n, count(DISTINCT "EVENT_ID") AS d,
            count(*) FILTER (WHERE "EVENT_TYPE" = 'ORDER_CREATED') AS orders
     FROM "RAW_DATA"."RAW_EVENTS_STREAM"`,
  );
  const [prod] = await local.warehouse.execute('SELECT count(*) AS n FROM "PRODUCTION"."ORDERS"');
  return [
    {
      check: 'duplicates dropped = duplicates injected',
      actual: counts.duplicates.dropped,
      expected: counts.duplicates.injected,
    },
    { check: 'RAW rows = generated events', actual: Number(raw?.n), expected: counts.generated },
    { check: 'RAW distinct EVENT_IDs = RAW rows', actual: Number(raw?.d), expected: Number(raw?.n) },
    { check: 'DLQ letters = malformed events', actual: counts.letters, expected: counts.malformed },
    {
      check: 'PRODUCTION.ORDERS = ORDER_CREATED in RAW',
      actual: Number(prod?.n),
      expected: Number(raw?.orders),
    },
  ];
}
