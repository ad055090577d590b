import type { QualifiedName } from '../../warehouse/identifier.js';
import { DdlSpecError } from './errors.js';
import { identifier, nameText, objectName } from './names.js';
import type { SnapshotNode, StreamTransformNode, TransformNode } from './transforms.js';

/**
 * Warehouse sizes a spec may ask for.
 *
 * @example
 * serverless(WAREHOUSE_SIZES[0]);
 */
export const WAREHOUSE_SIZES = ['XSMALL', 'SMALL', 'MEDIUM', 'LARGE', 'XLARGE'] as const;
export type WarehouseSize = (typeof WAREHOUSE_SIZES)[number];

/** Where a task runs: a named warehouse, or Snowflake-managed (serverless) compute. */
export type TaskCompute =
  | { readonly kind: 'warehouse'; readonly name: string }
  | { readonly kind: 'serverless'; readonly initialSize: WarehouseSize };

/**
 * A root runs on a schedule when its stream has data; a child runs after its parent; a finalizer
 * runs once its root's graph run ends, whatever the outcome.
 */
export type TaskTrigger =
  | { readonly kind: 'schedule'; readonly minutes: number }
  | { readonly kind: 'after'; readonly parent: TaskNode }
  | { readonly kind: 'finalize'; readonly root: TaskNode };

export interface TaskNode {
  readonly kind: 'task';
  readonly name: QualifiedName;
  readonly trigger: TaskTrigger;
  readonly transform: TransformNode;
  readonly compute: TaskCompute;
  /** Root only: consecutive failed graph runs before Snowflake suspends the graph. */
  readonly suspendAfterFailures?: number;
  /** Root only: how many times Snowflake retries a failed graph run. */
  readonly autoRetryAttempts?: number;
  readonly description?: string;
}

export interface RootTaskOptions {
  readonly compute: TaskCompute;
  /** @default 1 */
  readonly everyMinutes?: number;
  /** @default 3 */
  readonly suspendAfterFailures?: number;
  /** @default 2 */
  readonly autoRetryAttempts?: number;
  readonly description?: string;
}

/** Options of a child task or a finalizer. */
export interface DependentTaskOptions {
  /** @default the compute of the task it follows */
  readonly compute?: TaskCompute;
  readonly description?: string;
}

/** Snowflake's limits: a schedule of 1 minute to 8 days; at most 30 automatic retries. */
const MAX_MINUTES = 11_520;
const MAX_RETRIES = 30;
const MAX_FAILURES = 1_000;

/**
 * A root task: scheduled, and skipped (without starting compute) while its stream is empty.
 *
 * @example
 * rootTask(objectName('RAW_DATA', 'TASK_RAW_TO_STAGING_ORDERS'), stageOrders, { compute: { kind: 'warehouse', name: 'CAVES_ALBERT_WH' } });
 */
export function rootTask(
  name: QualifiedName,
  transform: StreamTransformNode,
  options: RootTaskOptions,
): TaskNode {
  const minutes = wholeNumber(options.everyMinutes ?? 1, 1, MAX_MINUTES, `${nameText(name)} everyMinutes`);
  return build(name, { kind: 'schedule', minutes }, transform, options.compute, options.description, {
    suspendAfterFailures: wholeNumber(
      options.suspendAfterFailures ?? 3,
      0,
      MAX_FAILURES,
      'suspendAfterFailures',
    ),
    autoRetryAttempts: wholeNumber(options.autoRetryAttempts ?? 2, 0, MAX_RETRIES, 'autoRetryAttempts'),
  });
}

/**
 * A task that runs after `parent` succeeds, on the same compute unless told otherwise.
 *
 * @example
 * childTask(objectName('RAW_DATA', 'TASK_STAGING_TO_PROD_ORDERS'), root, mergeOrders);
 */
export function childTask(
  name: QualifiedName,
  parent: TaskNode,
  transform: StreamTransformNode,
  options: DependentTaskOptions = {},
): TaskNode {
  if (parent.trigger.kind === 'finalize')
    throw new DdlSpecError(`${nameText(name)}: a finalizer cannot have children`);
  return dependent(name, { kind: 'after', parent }, parent, transform, options);
}

/**
 * The finalizer of a root task's graph.
 *
 * @example
 * finalizerTask(objectName('RAW_DATA', 'TASK_SNAPSHOT_HEALTH'), root, snapshot);
 */
export function finalizerTask(
  name: QualifiedName,
  root: TaskNode,
  transform: SnapshotNode,
  options: DependentTaskOptions = {},
): TaskNode {
  if (root.trigger.kind !== 'schedule') throw new DdlSpecError(`${nameText(name)} must finalize a root task`);
  return dependent(name, { kind: 'finalize', root }, root, transform, options);
}

/** A child or finalizer runs on the compute of the task it follows unless told otherwise. */
function dependent(
  name: QualifiedName,
  trigger: TaskTrigger,
  follows: TaskNode,
  transform: TransformNode,
  options: DependentTaskOptions,
): TaskNode {
  return build(name, trigger, transform, options.compute ?? follows.compute, options.description);
}

/**
 * Compute on a named warehouse.
 *
 * @example
 * onWarehouse('CAVES_ALBERT_WH');
 */
export function onWarehouse(name: string): TaskCompute {
  return Object.freeze({ kind: 'warehouse', name: identifier(name) });
}

/**
 * Serverless compute, starting at `initialSize`.
 *
 * @example
 * serverless('XSMALL');
 */
export function serverless(initialSize: WarehouseSize = 'XSMALL'): TaskCompute {
  if (!WAREHOUSE_SIZES.includes(initialSize)) {
    throw new DdlSpecError(`initialSize must be one of ${WAREHOUSE_SIZES.join(', ')}`);
  }
  return Object.freeze({ kind: 'serverless', initialSize });
}

/** The root of a task's graph. */
export function rootOf(task: TaskNode): TaskNode {
  let current = task;
  while (current.trigger.kind !== 'schedule') {
    current = current.trigger.kind === 'after' ? current.trigger.parent : current.trigger.root;
  }
  return current;
}

function build(
  name: QualifiedName,
  trigger: TaskTrigger,
  transform: TransformNode,
  compute: TaskCompute,
  description: string | undefined,
  rootOnly: { suspendAfterFailures?: number; autoRetryAttempts?: number } = {},
): TaskNode {
  const node: TaskNode = {
    kind: 'task',
    name: objectName(name.schema, name.name),
    trigger: Object.freeze(trigger),
    transform,
    compute,
    ...rootOnly,
    ...(description === undefined ? {} : { description }),
  };
  return Object.freeze(node);
}

/** Numbers end up in SQL text, so they are checked to be whole and in range. */
export function wholeNumber(value: number, min: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new DdlSpecError(`${what} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
