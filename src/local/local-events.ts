import type { LocalSkipReason, LocalTaskState } from './task-history.js';

export interface LocalTaskStartInfo {
  /** `SCHEMA.NAME`. */
  readonly name: string;
  readonly root: string;
  readonly graphRunId: string;
}

export interface LocalTaskEndInfo extends LocalTaskStartInfo {
  readonly state: LocalTaskState;
  readonly skipReason: LocalSkipReason | null;
  /** 0 when skipped. */
  readonly durationMs: number;
  /** Rows its stream delivered, when it succeeded (see LocalTaskRun.rows). */
  readonly rows?: number;
  /** Why it failed: the error text is also in the task history. */
  readonly error?: unknown;
}

export interface LocalGraphSuspendedInfo {
  readonly root: string;
  readonly consecutiveFailures: number;
}

/**
 * Instrumentation events of {@link LocalPipeline}. A throwing listener never disturbs a run.
 *
 * @example
 * local.on('task.end', ({ name, state, durationMs, rows }) => log.info({ name, state, durationMs, rows }));
 */
export interface LocalPipelineEvents {
  /** A task body is about to run (skipped tasks only report `task.end`). */
  'task.start': (info: LocalTaskStartInfo) => void;
  'task.end': (info: LocalTaskEndInfo) => void;
  /** A graph reached its SUSPEND_TASK_AFTER_NUM_FAILURES and will be skipped until resumed. */
  'graph.suspended': (info: LocalGraphSuspendedInfo) => void;
  /** A timer-driven run could not complete (the database itself failed); the timer goes on. */
  'run.error': (error: unknown) => void;
}

export type LocalPipelineEventName = keyof LocalPipelineEvents;

/** How the graph runner reports, without knowing the emitter. */
export type LocalNotify = <K extends LocalPipelineEventName>(
  name: K,
  payload: Parameters<LocalPipelineEvents[K]>[0],
) => void;
