import { setTimeout as sleep } from 'node:timers/promises';
import { quoteIdentifier } from '../../../src/warehouse/identifier.js';
import type { Warehouse } from '../../../src/warehouse/warehouse.js';

/** One row of INFORMATION_SCHEMA.TASK_HISTORY, as far as the suite reads it. */
export interface TaskRun {
  readonly name: string;
  readonly state: string;
  readonly error: string | null;
}

/**
 * The task runs of the last hour in `database`, newest first. SKIPPED is normal: a root whose stream is
 * empty skips by its WHEN.
 *
 * @example
 * (await taskRuns(wh, db.name)).filter((run) => run.state === 'FAILED');
 */
export async function taskRuns(warehouse: Warehouse, database: string): Promise<TaskRun[]> {
  const rows = await warehouse.execute(
    `SELECT "NAME", "STATE", "ERROR_MESSAGE"
FROM TABLE(${quoteIdentifier(database)}.INFORMATION_SCHEMA.TASK_HISTORY(
  SCHEDULED_TIME_RANGE_START => DATEADD(HOUR, -1, CURRENT_TIMESTAMP()),
  RESULT_LIMIT => 1000
))
WHERE "DATABASE_NAME" = ?
ORDER BY "SCHEDULED_TIME" DESC`,
    [database],
  );
  return rows.map((row) => ({
    name: String(row.NAME),
    state: String(row.STATE),
    error: row.ERROR_MESSAGE === null || row.ERROR_MESSAGE === undefined ? null : String(row.ERROR_MESSAGE),
  }));
}

const FAILED_STATES = new Set(['FAILED', 'FAILED_AND_AUTO_SUSPENDED', 'CANCELLED']);

/**
 * Polls until `done()` holds, for at most `timeoutMs`. Between polls it reads TASK_HISTORY and stops at
 * the first failed run, with the task's error, rather than waiting out the deadline.
 *
 * @example
 * await untilTasksDeliver(wh, db.name, async (runs) => runs.length > 0 && (await productionCount()) === expected);
 */
export async function untilTasksDeliver(
  warehouse: Warehouse,
  database: string,
  done: (runs: readonly TaskRun[]) => Promise<boolean>,
  { timeoutMs = 300_000, intervalMs = 5_000 } = {},
): Promise<TaskRun[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await taskRuns(warehouse, database);
    const failed = runs.filter((run) => FAILED_STATES.has(run.state));
    if (failed.length > 0) {
      const why = failed.map((run) => `${run.name} ${run.state}: ${run.error ?? 'no message'}`).join('; ');
      throw new Error(`a task run failed: ${why}`);
    }
    if (await done(runs)) return runs;
    if (Date.now() > deadline) {
      const seen = runs.map((run) => `${run.name} ${run.state}`).join(', ') || 'no run yet';
      throw new Error(`the tasks had not delivered after ${timeoutMs / 1000} s; runs seen: ${seen}`);
    }
    await sleep(intervalMs);
  }
}
