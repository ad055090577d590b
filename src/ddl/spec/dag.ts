import type { TaskNode } from './tasks.js';

/**
 * The order Snowflake requires for ALTER TASK … RESUME: every child and finalizer before its root.
 * The spec lists tasks parents first, so the reverse puts every dependent before what it depends on.
 *
 * @example
 * resumeOrder(spec.tasks).map((t) => t.name.name); // [..., 'TASK_STAGING_TO_PROD_ORDERS', 'TASK_RAW_TO_STAGING_ORDERS']
 */
export function resumeOrder(tasks: readonly TaskNode[]): TaskNode[] {
  return [...tasks].reverse();
}

/** The tasks that start a graph (scheduled). */
export function rootTasks(tasks: readonly TaskNode[]): TaskNode[] {
  return tasks.filter((t) => t.trigger.kind === 'schedule');
}

/** The task a task runs after, if any. */
export function parentOf(task: TaskNode): TaskNode | undefined {
  return task.trigger.kind === 'after' ? task.trigger.parent : undefined;
}
