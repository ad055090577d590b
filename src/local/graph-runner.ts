import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DagTask } from '../ddl/render.js';
import { nameText } from '../ddl/spec/names.js';
import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import { isEventflakeError } from '../errors.js';
import type { DuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import type { GraphSuspension } from './graph-suspension.js';
import type { LocalNotify } from './local-events.js';
import type { StreamEmulator } from './stream-emulator.js';
import type { LocalSkipReason, LocalTaskRun, TaskHistory } from './task-history.js';
import { runInTransaction } from './transaction.js';

export interface GraphRunnerParts {
  readonly warehouse: DuckDbWarehouse;
  readonly streams: StreamEmulator;
  readonly history: TaskHistory;
  readonly suspension: GraphSuspension;
  readonly notify: LocalNotify;
}

/**
 * Runs one task graph the way Snowflake does: the root only when its stream has data, each child
 * after its parent succeeded, finalizers once the graph ran. Each body runs with its stream's
 * consumption in one transaction, so a failed body leaves its stream unconsumed.
 */
export class GraphRunner {
  readonly #parts: GraphRunnerParts;
  readonly #dag: readonly DagTask[];
  readonly #failureLimits: ReadonlyMap<string, number>;

  constructor(parts: GraphRunnerParts, spec: PipelineSpec, dag: readonly DagTask[]) {
    this.#parts = parts;
    this.#dag = dag;
    this.#failureLimits = new Map(spec.tasks.map((t) => [nameText(t.name), t.suspendAfterFailures ?? 0]));
  }

  async run(root: DagTask): Promise<LocalTaskRun[]> {
    const { streams, suspension, notify } = this.#parts;
    const graphRunId = randomUUID();
    const members = this.#dag.filter((t) => t.root === root.name);
    const skipAll = (reason: LocalSkipReason) =>
      this.#each(members, (t) => this.#skip(t, graphRunId, reason));
    if (await suspension.isSuspended(root.name)) return skipAll('suspended');
    if (root.stream !== null && !(await streams.hasData(root.stream.name))) return skipAll('no_data');

    const succeeded = new Set<string>();
    const runs = await this.#each(
      members.filter((t) => t.finalizes === null),
      async (task) => {
        const parentOk = task.parent === null || succeeded.has(task.parent);
        const run = parentOk
          ? await this.#execute(task, graphRunId)
          : await this.#skip(task, graphRunId, 'parent_not_succeeded');
        if (run.state === 'SUCCEEDED') succeeded.add(task.name);
        return run;
      },
    );
    const finalizers = members.filter((t) => t.finalizes !== null);
    runs.push(...(await this.#each(finalizers, (t) => this.#execute(t, graphRunId))));

    const failed = runs.some((r) => r.state === 'FAILED');
    const limit = this.#failureLimits.get(root.name) ?? 0;
    if ((await suspension.recordRun(root.name, failed, limit)) && failed) {
      notify('graph.suspended', { root: root.name, consecutiveFailures: limit });
    }
    return runs;
  }

  /** Tasks one after another: a graph's tasks share one connection and depend on each other. */
  async #each(tasks: readonly DagTask[], step: (task: DagTask) => Promise<LocalTaskRun>) {
    const runs: LocalTaskRun[] = [];
    for (const task of tasks) runs.push(await step(task));
    return runs;
  }

  async #execute(task: DagTask, graphRunId: string): Promise<LocalTaskRun> {
    const { warehouse, streams, history, notify } = this.#parts;
    const base = { name: task.name, root: task.root, graphRunId };
    notify('task.start', base);
    const scheduledTime = new Date();
    const started = performance.now();
    let rows: number | null = null;
    let error: unknown;
    try {
      if (task.stream === null) {
        await runInTransaction(warehouse, [task.body.duckdb]);
      } else {
        const { before, after, delivered, release } = streams.consumption(task.stream.name);
        const [row] = await runInTransaction(warehouse, [...before, task.body.duckdb, ...after], delivered);
        rows = Number(row?.DELIVERED ?? 0);
        // Committed already: failing to free the relation must not turn the run into a failure.
        await warehouse.execute(release).catch(() => undefined);
      }
    } catch (caught) {
      error = caught;
    }
    const durationMs = performance.now() - started;
    const run: LocalTaskRun = {
      ...base,
      state: error === undefined ? 'SUCCEEDED' : 'FAILED',
      skipReason: null,
      errorCode: error === undefined ? null : isEventflakeError(error) ? error.code : 'ERR_TASK_BODY',
      errorMessage: error === undefined ? null : error instanceof Error ? error.message : String(error),
      scheduledTime,
      queryStartTime: scheduledTime,
      completedTime: new Date(),
      rows,
    };
    await history.record(run, task.body.duckdb);
    notify('task.end', {
      ...base,
      state: run.state,
      skipReason: null,
      durationMs,
      ...(rows === null ? {} : { rows }),
      ...(error === undefined ? {} : { error }),
    });
    return run;
  }

  async #skip(task: DagTask, graphRunId: string, reason: LocalSkipReason): Promise<LocalTaskRun> {
    const now = new Date();
    const run: LocalTaskRun = {
      name: task.name,
      root: task.root,
      graphRunId,
      state: 'SKIPPED',
      skipReason: reason,
      errorCode: null,
      errorMessage: null,
      scheduledTime: now,
      queryStartTime: null,
      completedTime: now,
      rows: null,
    };
    await this.#parts.history.record(run, null);
    this.#parts.notify('task.end', {
      name: run.name,
      root: run.root,
      graphRunId,
      state: 'SKIPPED',
      skipReason: reason,
      durationMs: 0,
    });
    return run;
  }
}
