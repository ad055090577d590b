import type { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import { SQL_NAMES } from './local-schema.js';

/**
 * SUSPEND_TASK_AFTER_NUM_FAILURES per graph, kept in the database so a suspension survives a reopen,
 * as it does in Snowflake until ALTER TASK … RESUME.
 */
export class GraphSuspension {
  readonly #warehouse: DuckDbWarehouse;

  constructor(warehouse: DuckDbWarehouse) {
    this.#warehouse = warehouse;
  }

  async isSuspended(root: string): Promise<boolean> {
    const [row] = await this.#warehouse.execute(
      `SELECT "SUSPENDED" FROM ${SQL_NAMES.graphState} WHERE "ROOT_NAME" = ?`,
      [root],
    );
    return row?.SUSPENDED === true;
  }

  /**
   * Counts a graph run that failed (any task) or resets the count after a clean one; suspends the
   * graph once `limit` consecutive runs failed (0: never). Returns whether the graph is now suspended.
   */
  async recordRun(root: string, failed: boolean, limit: number): Promise<boolean> {
    const [row] = await this.#warehouse.execute(
      `SELECT "CONSECUTIVE_FAILURES" FROM ${SQL_NAMES.graphState} WHERE "ROOT_NAME" = ?`,
      [root],
    );
    const failures = failed ? Number(row?.CONSECUTIVE_FAILURES ?? 0) + 1 : 0;
    const suspended = limit > 0 && failures >= limit;
    await this.#warehouse.execute(
      `INSERT OR REPLACE INTO ${SQL_NAMES.graphState} ("ROOT_NAME", "CONSECUTIVE_FAILURES", "SUSPENDED", "UPDATED_AT")
VALUES (?, ?, ?, (now() AT TIME ZONE 'UTC'))`,
      [root, failures, suspended],
    );
    return suspended;
  }

  /** ALTER TASK … RESUME: the graph runs again and its failure count starts over. */
  async resume(root: string): Promise<void> {
    await this.#warehouse.execute(
      `UPDATE ${SQL_NAMES.graphState} SET "SUSPENDED" = FALSE, "CONSECUTIVE_FAILURES" = 0,
  "UPDATED_AT" = (now() AT TIME ZONE 'UTC') WHERE "ROOT_NAME" = ?`,
      [root],
    );
  }
}
