import type { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import type { Row } from '../warehouse/warehouse.js';
import { SQL_NAMES } from './local-schema.js';

/** How a task run ended, as Snowflake's TASK_HISTORY names it. */
export type LocalTaskState = 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

/**
 * Why a task was skipped: its root's stream had no data (`WHEN SYSTEM$STREAM_HAS_DATA`), the task it
 * runs after did not succeed in this graph run, or its graph is suspended after repeated failures.
 */
export type LocalSkipReason = 'no_data' | 'parent_not_succeeded' | 'suspended';

/** One recorded task run. */
export interface LocalTaskRun {
  /** Shared by every task of one run of a graph. */
  readonly graphRunId: string;
  /** `SCHEMA.NAME`, e.g. `RAW_DATA.TASK_RAW_TO_STAGING_ORDERS`. */
  readonly name: string;
  readonly root: string;
  readonly state: LocalTaskState;
  readonly skipReason: LocalSkipReason | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly scheduledTime: Date;
  /** When the body started; null when skipped. */
  readonly queryStartTime: Date | null;
  readonly completedTime: Date;
  /**
   * Rows the task's stream delivered to its body (all new rows of the stream's table, whatever the
   * body kept); null when skipped, failed, or for a finalizer, which reads no stream.
   */
  readonly rows: number | null;
}

/** Writes and reads EVENTFLAKE_LOCAL.TASK_RUNS, behind the TASK_HISTORY view. */
export class TaskHistory {
  readonly #warehouse: DuckDbWarehouse;
  readonly #database: string;

  constructor(warehouse: DuckDbWarehouse, database: string) {
    this.#warehouse = warehouse;
    this.#database = database;
  }

  async record(run: LocalTaskRun, queryText: string | null): Promise<void> {
    const [schema = '', bare = run.name] = run.name.split('.');
    const at = (d: Date | null) => (d === null ? null : d.toISOString());
    await this.#warehouse.execute(
      `INSERT INTO ${SQL_NAMES.taskRuns} ("GRAPH_RUN_ID", "TASK_NAME", "ROOT_NAME", "NAME", "SCHEMA_NAME",
  "DATABASE_NAME", "STATE", "SKIP_REASON", "ERROR_CODE", "ERROR_MESSAGE", "QUERY_TEXT", "SCHEDULED_TIME",
  "QUERY_START_TIME", "COMPLETED_TIME", "ROWS_READ")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?)`,
      [
        run.graphRunId,
        run.name,
        run.root,
        bare,
        schema,
        this.#database,
        run.state,
        run.skipReason,
        run.errorCode,
        run.errorMessage,
        queryText,
        at(run.scheduledTime),
        at(run.queryStartTime),
        at(run.completedTime),
        run.rows,
      ],
    );
  }

  /** Every recorded run, oldest first. */
  async read(): Promise<LocalTaskRun[]> {
    const rows = await this.#warehouse.execute(
      `SELECT "GRAPH_RUN_ID", "TASK_NAME", "ROOT_NAME", "STATE", "SKIP_REASON", "ERROR_CODE", "ERROR_MESSAGE",
  "SCHEDULED_TIME", "QUERY_START_TIME", "COMPLETED_TIME", "ROWS_READ"
FROM ${SQL_NAMES.taskRuns} ORDER BY "ENTRY_ID"`,
    );
    return rows.map(toRun);
  }
}

function toRun(row: Row): LocalTaskRun {
  return {
    graphRunId: String(row.GRAPH_RUN_ID),
    name: String(row.TASK_NAME),
    root: String(row.ROOT_NAME),
    state: row.STATE as LocalTaskState,
    skipReason: (row.SKIP_REASON ?? null) as LocalSkipReason | null,
    errorCode: textOrNull(row.ERROR_CODE),
    errorMessage: textOrNull(row.ERROR_MESSAGE),
    scheduledTime: toDate(row.SCHEDULED_TIME),
    queryStartTime: row.QUERY_START_TIME instanceof Date ? row.QUERY_START_TIME : null,
    completedTime: toDate(row.COMPLETED_TIME),
    rows: row.ROWS_READ === null || row.ROWS_READ === undefined ? null : Number(row.ROWS_READ),
  };
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
