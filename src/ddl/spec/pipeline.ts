import type { QualifiedName } from '../../warehouse/identifier.js';
import { DdlSpecError } from './errors.js';
import { identifier, nameText, objectName } from './names.js';
import type { ArchiveNode, GrantsNode, RetentionNode, WarehouseNode } from './operations.js';
import type { QueryNode } from './queries.js';
import type { StagingNode } from './staging.js';
import type { StreamNode } from './streams.js';
import type { TableNode } from './tables.js';
import { rootOf, type TaskNode } from './tasks.js';

/**
 * The files a pipeline renders to, in the order they are applied; a dialect may skip some.
 *
 * @example
 * FILE_KINDS.indexOf('tasks') + 1; // 4, as in 04_tasks.sql
 */
export const FILE_KINDS = [
  'setup',
  'tables',
  'streams',
  'tasks',
  'monitoring',
  'grants',
  'maintenance',
  'queries',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Everything the renderer needs to write one pipeline's SQL, for either dialect. */
export interface PipelineSpec {
  readonly kind: 'pipeline';
  /** Lower kebab case, e.g. `wine-shop`; names the generated files' header. */
  readonly name: string;
  readonly database: string;
  readonly warehouse: WarehouseNode;
  readonly raw: TableNode;
  readonly staging: readonly StagingNode[];
  /** PRODUCTION, reference and monitoring tables, in creation order. */
  readonly tables: readonly TableNode[];
  readonly streams: readonly StreamNode[];
  /** Tasks in creation order: every parent before its children. */
  readonly tasks: readonly TaskNode[];
  readonly healthView: QualifiedName;
  readonly alerts: readonly QueryNode[];
  readonly retention: readonly RetentionNode[];
  readonly archives: readonly ArchiveNode[];
  readonly queries: readonly QueryNode[];
  readonly grants?: GrantsNode;
  /** Extra header lines per file: why this spec departs from its design document, for instance. */
  readonly notes?: Readonly<Partial<Record<FileKind, readonly string[]>>>;
}

export type PipelineInput = Omit<PipelineSpec, 'kind'>;

const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Checks a pipeline and freezes it: every table, stream and task a node refers to is part of the
 * spec, names are unique, each task graph lives in one schema and no stream feeds two tasks (a
 * Snowflake stream is emptied by the first statement that reads it).
 *
 * @example
 * const spec = pipeline({ name: 'wine-shop', database: 'CAVES_ALBERT_DB', ... });
 */
export function pipeline(input: PipelineInput): PipelineSpec {
  if (!PIPELINE_NAME.test(input.name))
    throw new DdlSpecError(`pipeline name \`${input.name}\` must be lower kebab case`);
  identifier(input.database);
  const tables = [
    input.raw,
    ...input.staging.map((s) => s.table),
    ...input.tables,
    ...input.archives.map((a) => a.archive),
  ];
  const tableNames = unique(
    tables.map((t) => t.name),
    'table',
  );
  const has = (t: TableNode) => tableNames.has(nameText(t.name));
  const missing = (what: string, t: TableNode) =>
    new DdlSpecError(`${what} refers to ${nameText(t.name)}, which the spec does not list`);

  const streamNames = unique(
    input.streams.map((s) => s.name),
    'stream',
  );
  for (const s of input.streams) if (!has(s.on)) throw missing(`stream ${nameText(s.name)}`, s.on);
  // Local mode keeps a stream's pending rows in a temp table named like the stream, so short names must differ.
  unique(
    input.streams.map((s) => ({ schema: 'stream', name: s.name.name })),
    'stream name',
  );
  objectName(input.healthView.schema, input.healthView.name);
  if (tableNames.has(nameText(input.healthView)))
    throw new DdlSpecError(`${nameText(input.healthView)} is both a table and a view`);

  checkTasks(input.tasks, streamNames, has, missing);
  for (const r of input.retention) if (!has(r.table)) throw missing('a retention rule', r.table);
  for (const a of input.archives) if (!has(a.source)) throw missing('an archive rule', a.source);
  const queryNames = [...input.alerts, ...input.queries].map((q) => q.name);
  const twice = queryNames.find((n, i) => queryNames.indexOf(n) !== i);
  if (twice !== undefined) throw new DdlSpecError(`query ${twice} is declared twice`);

  return Object.freeze({
    kind: 'pipeline',
    ...input,
    staging: Object.freeze([...input.staging]),
    tables: Object.freeze([...input.tables]),
    streams: Object.freeze([...input.streams]),
    tasks: Object.freeze([...input.tasks]),
    alerts: Object.freeze([...input.alerts]),
    retention: Object.freeze([...input.retention]),
    archives: Object.freeze([...input.archives]),
    queries: Object.freeze([...input.queries]),
  });
}

/**
 * Every table of the spec, in creation order: RAW, STAGING, the listed tables, archives.
 *
 * @example
 * allTables(wineShopSpec).map((t) => t.name.name); // ['RAW_EVENTS_STREAM', 'STG_ORDERS', ...]
 */
export function allTables(spec: PipelineSpec): TableNode[] {
  return [
    spec.raw,
    ...spec.staging.map((s) => s.table),
    ...spec.tables,
    ...spec.archives.map((a) => a.archive),
  ];
}

/** The schemas the spec's objects live in, in first-use order. */
export function schemasOf(spec: PipelineSpec): string[] {
  const names = [
    ...allTables(spec).map((t) => t.name),
    ...spec.streams.map((s) => s.name),
    ...spec.tasks.map((t) => t.name),
    spec.healthView,
  ];
  return [...new Set(names.map((n) => n.schema))];
}

function checkTasks(
  tasks: readonly TaskNode[],
  streamNames: ReadonlySet<string>,
  has: (t: TableNode) => boolean,
  missing: (what: string, t: TableNode) => DdlSpecError,
): void {
  const created = new Set<TaskNode>();
  const readers = new Map<string, string>();
  unique(
    tasks.map((t) => t.name),
    'task',
  );
  for (const task of tasks) {
    const name = nameText(task.name);
    const { trigger, transform } = task;
    const before =
      trigger.kind === 'after' ? trigger.parent : trigger.kind === 'finalize' ? trigger.root : undefined;
    if (before !== undefined && !created.has(before)) {
      throw new DdlSpecError(
        `task ${name} is listed before ${nameText(before.name)}, which it depends on (or that task is missing)`,
      );
    }
    if (task.name.schema !== rootOf(task).name.schema) {
      throw new DdlSpecError(
        `task ${name} must live in schema ${rootOf(task).name.schema}, with the rest of its graph`,
      );
    }
    if (!has(transform.target)) throw missing(`task ${name}`, transform.target);
    if (transform.kind !== 'snapshot') {
      const stream = nameText(transform.source.name);
      if (!streamNames.has(stream))
        throw new DdlSpecError(`task ${name} reads stream ${stream}, which the spec does not list`);
      const other = readers.get(stream);
      if (other !== undefined) {
        throw new DdlSpecError(
          `tasks ${other} and ${name} both read stream ${stream}; the first would empty it for the second`,
        );
      }
      readers.set(stream, name);
    }
    created.add(task);
  }
}

function unique(names: readonly QualifiedName[], what: string): Set<string> {
  const seen = new Set<string>();
  for (const n of names) {
    const text = nameText(n);
    if (seen.has(text)) throw new DdlSpecError(`${what} ${text} is declared twice`);
    seen.add(text);
  }
  return seen;
}
