import type { SqlStatement } from '../renderer/sql-file.js';
import { resumeOrder, rootTasks } from '../spec/dag.js';
import { nameText } from '../spec/names.js';
import type { PipelineSpec } from '../spec/pipeline.js';
import type { TaskNode } from '../spec/tasks.js';
import type { SnowflakeDdlRenderer } from './snowflake-renderer.js';

type Writer = Pick<SnowflakeDdlRenderer, 'table' | 'id' | 'text' | 'transformBody'>;

/**
 * The task graph: suspend each root (Snowflake will not change a started graph), create every task
 * parents first, then resume children before their root.
 */
export function snowflakeTaskStatements(spec: PipelineSpec, w: Writer): SqlStatement[] {
  const suspend = rootTasks(spec.tasks).map((t) => ({
    name: `suspend_${t.name.name.toLowerCase()}`,
    comment: 'A started root blocks changes to its graph',
    sql: `ALTER TASK IF EXISTS ${w.table(t.name)} SUSPEND`,
  }));
  const create = spec.tasks.map((t) => ({
    name: `create_task_${t.name.name.toLowerCase()}`,
    comment: describe(t),
    sql: createTask(t, w),
  }));
  const resume = resumeOrder(spec.tasks).map((t) => ({
    name: `resume_${t.name.name.toLowerCase()}`,
    sql: `ALTER TASK ${w.table(t.name)} RESUME`,
  }));
  return [...suspend, ...create, ...resume];
}

function createTask(task: TaskNode, w: Writer): string {
  const { trigger, compute } = task;
  const options = [
    compute.kind === 'warehouse'
      ? `WAREHOUSE = ${w.id(compute.name)}`
      : `USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = ${w.text(compute.initialSize)}`,
  ];
  if (trigger.kind === 'schedule') options.push(`SCHEDULE = ${w.text(`${trigger.minutes} MINUTE`)}`);
  if (task.suspendAfterFailures !== undefined) {
    options.push(`SUSPEND_TASK_AFTER_NUM_FAILURES = ${task.suspendAfterFailures}`);
  }
  options.push(`COMMENT = ${w.text(task.description ?? flow(task))}`);
  if (trigger.kind === 'finalize') options.push(`FINALIZE = ${w.table(trigger.root.name)}`);
  if (task.autoRetryAttempts !== undefined)
    options.push(`TASK_AUTO_RETRY_ATTEMPTS = ${task.autoRetryAttempts}`);
  if (trigger.kind === 'after') options.push(`AFTER ${w.table(trigger.parent.name)}`);
  if (trigger.kind === 'schedule' && task.transform.kind !== 'snapshot') {
    // The stream name is a string argument; quoting it inside keeps its exact case.
    options.push(`WHEN SYSTEM$STREAM_HAS_DATA(${w.text(w.table(task.transform.source.name))})`);
  }
  return `CREATE OR REPLACE TASK ${w.table(task.name)}\n${options.map((o) => `  ${o}`).join('\n')}\nAS\n${w.transformBody(task.transform)}`;
}

function flow(task: TaskNode): string {
  const { transform } = task;
  const from = transform.kind === 'snapshot' ? transform.view : transform.source.name;
  return `${nameText(from)} -> ${nameText(transform.target.name)}`;
}

function describe(task: TaskNode): string {
  const { trigger } = task;
  const when =
    trigger.kind === 'schedule'
      ? `root, every ${trigger.minutes} minute(s) when its stream has data`
      : trigger.kind === 'after'
        ? `after ${trigger.parent.name.name}`
        : `finalizer of ${trigger.root.name.name}`;
  return `${task.name.name}: ${flow(task)} (${when})`;
}
