import type { SimpleColumnKind } from '../../events/column-types.js';
import type { QualifiedName } from '../../warehouse/identifier.js';
import { type ColumnNode, type ColumnOptions, column, type DdlType, findColumn } from './columns.js';
import { DdlSpecError } from './errors.js';
import { identifier, nameText } from './names.js';
import type { StagingNode } from './staging.js';
import type { StreamNode } from './streams.js';
import { type Layer, type TableNode, table } from './tables.js';

/** A value computed from one source row: a column, the UTC date of a timestamp column, or the load time. */
export type Expr =
  | { readonly kind: 'ref'; readonly column: string }
  | { readonly kind: 'date_of'; readonly column: string }
  | { readonly kind: 'now' };

/** One target column and how it is computed. */
export interface Projection {
  readonly column: ColumnNode;
  readonly expr: Expr;
}

/** RAW → STAGING: typed, trimmed columns of one event type, one row per EVENT_ID. */
export interface StageEventsNode {
  readonly kind: 'stage_events';
  readonly source: StreamNode;
  readonly staging: StagingNode;
  readonly target: TableNode;
}

/** STAGING → PRODUCTION upsert: latest version per key wins; an older (late) version never overwrites. */
export interface MergeLatestNode {
  readonly kind: 'merge_latest';
  readonly source: StreamNode;
  readonly target: TableNode;
  readonly key: readonly string[];
  /** Target column ordering versions (a timestamp carried from the source). */
  readonly version: string;
  readonly projections: readonly Projection[];
  /** Columns written on insert and never updated (e.g. CREATED_AT). */
  readonly insertOnly: readonly string[];
}

/** STAGING → PRODUCTION audit trail: rows are only added, at most once per key. */
export interface AppendNewNode {
  readonly kind: 'append_new';
  readonly source: StreamNode;
  readonly target: TableNode;
  readonly key: readonly string[];
  readonly version: string;
  readonly projections: readonly Projection[];
}

/** Finalizer body: copies the health view into a history table, one snapshot per graph run. */
export interface SnapshotNode {
  readonly kind: 'snapshot';
  readonly view: QualifiedName;
  readonly target: TableNode;
}

export type TransformNode = StageEventsNode | MergeLatestNode | AppendNewNode | SnapshotNode;
/** Transforms that read a stream (every kind but the finalizer's snapshot). */
export type StreamTransformNode = Exclude<TransformNode, SnapshotNode>;

/**
 * A source column as it is; `dateOf` takes its UTC date; `now` is the load time (UTC).
 *
 * @example
 * derive('ORDER_DATE', 'date', dateOf('EVENT_TIMESTAMP'));
 */
export const ref = (name: string): Expr => Object.freeze({ kind: 'ref', column: identifier(name) });
export const dateOf = (name: string): Expr => Object.freeze({ kind: 'date_of', column: identifier(name) });
export const now = (): Expr => Object.freeze({ kind: 'now' });

export interface CarryOptions {
  /** Source columns left out. */
  readonly omit?: readonly string[];
  /** Source column → target column name. */
  readonly rename?: Readonly<Record<string, string>>;
}

/**
 * Projections that carry every source column through, with its type and nullability.
 *
 * @example
 * carry(stgOrders.table, { rename: { EVENT_TIMESTAMP: 'ORDER_TIMESTAMP' } });
 */
export function carry(source: TableNode, options: CarryOptions = {}): Projection[] {
  const where = `table ${nameText(source.name)}`;
  const omit = new Set(options.omit ?? []);
  const rename = options.rename ?? {};
  for (const name of [...omit, ...Object.keys(rename)]) findColumn(source.columns, name, where);
  return source.columns
    .filter((c) => !omit.has(c.name))
    .map((c) => {
      const optional = c.description === undefined ? {} : { description: c.description };
      const target = column(rename[c.name] ?? c.name, c.type, { nullable: c.nullable, ...optional });
      return Object.freeze({ column: target, expr: ref(c.name) });
    });
}

/**
 * One source column carried through, optionally under another name.
 *
 * @example
 * pick(stgAdjustments.table, 'NEW_STOCK_LEVEL', 'CURRENT_STOCK_LEVEL');
 */
export function pick(source: TableNode, name: string, as: string = name): Projection {
  const [projection] = carry(source, {
    omit: source.columns.filter((c) => c.name !== name).map((c) => c.name),
    rename: { [name]: as },
  });
  if (projection === undefined)
    throw new DdlSpecError(`table ${nameText(source.name)} has no column ${name}`);
  return projection;
}

/**
 * A computed target column.
 *
 * @example
 * derive('ORDER_DATE', 'date', dateOf('EVENT_TIMESTAMP'), { nullable: false });
 */
export function derive(
  name: string,
  type: SimpleColumnKind | DdlType,
  expr: Expr,
  options: ColumnOptions = {},
): Projection {
  return Object.freeze({ column: column(name, type, options), expr });
}

/**
 * The RAW → STAGING transform of one event type.
 *
 * @example
 * stageEvents(streamRawOrders, stgOrders);
 */
export function stageEvents(source: StreamNode, staging: StagingNode): StageEventsNode {
  if (source.on.layer !== 'raw') {
    throw new DdlSpecError(
      `stream ${nameText(source.name)} must read the RAW table to stage ${staging.eventType}`,
    );
  }
  return Object.freeze({ kind: 'stage_events', source, staging, target: staging.table });
}

export interface TargetOptions {
  readonly into: QualifiedName;
  readonly projections: readonly Projection[];
  /** Target columns that identify a row; made NOT NULL. */
  readonly key: readonly string[];
  /** Target timestamp column carried from the source; the latest version of a key wins. */
  readonly version: string;
  /** @default 'production' */
  readonly layer?: Layer;
  readonly freshnessColumn?: string;
  readonly description?: string;
}

/**
 * A MERGE target and its transform.
 *
 * @example
 * const { table: orders, transform } = mergeLatest(streamStgOrders, { into, projections, key: ['ORDER_ID'], version: 'ORDER_TIMESTAMP' });
 */
export function mergeLatest(
  source: StreamNode,
  options: TargetOptions & { readonly insertOnly?: readonly string[] },
): { table: TableNode; transform: MergeLatestNode } {
  const target = targetTable(source, options);
  const insertOnly = Object.freeze([...(options.insertOnly ?? [])]);
  for (const name of insertOnly) {
    findColumn(target.columns, name, `table ${nameText(target.name)}`);
    if (options.key.includes(name))
      throw new DdlSpecError(`${name} is a key of ${nameText(target.name)}, not insert-only`);
  }
  const transform: MergeLatestNode = { kind: 'merge_latest', ...shared(source, target, options), insertOnly };
  return { table: target, transform: Object.freeze(transform) };
}

/**
 * An append-only target (audit trail) and its transform.
 *
 * @example
 * appendNew(streamStgInventory, { into, projections, key: ['ADJUSTMENT_ID'], version: 'ADJUSTMENT_TIMESTAMP' });
 */
export function appendNew(
  source: StreamNode,
  options: TargetOptions,
): { table: TableNode; transform: AppendNewNode } {
  const target = targetTable(source, options);
  const transform: AppendNewNode = { kind: 'append_new', ...shared(source, target, options) };
  return { table: target, transform: Object.freeze(transform) };
}

/** The source column a target column carries, when its projection is a plain reference. */
export function sourceOf(projections: readonly Projection[], target: string): string | undefined {
  const found = projections.find((p) => p.column.name === target);
  return found?.expr.kind === 'ref' ? found.expr.column : undefined;
}

function shared(source: StreamNode, target: TableNode, options: TargetOptions) {
  return {
    source,
    target,
    key: Object.freeze([...options.key]),
    version: options.version,
    projections: Object.freeze([...options.projections]),
  };
}

function targetTable(source: StreamNode, options: TargetOptions): TableNode {
  const where = `target ${nameText(options.into)}`;
  const from = `stream ${nameText(source.name)} (on ${nameText(source.on.name)})`;
  for (const p of options.projections) {
    if (p.expr.kind !== 'now') findColumn(source.on.columns, p.expr.column, from);
  }
  if (options.key.length === 0) throw new DdlSpecError(`${where} needs at least one key column`);
  for (const name of [...options.key, options.version]) {
    if (sourceOf(options.projections, name) === undefined) {
      throw new DdlSpecError(`${where}: ${name} must be a column carried unchanged from ${from}`);
    }
  }
  const versionSource = findColumn(
    source.on.columns,
    sourceOf(options.projections, options.version) ?? '',
    from,
  );
  if (versionSource.type.kind !== 'timestamp') {
    throw new DdlSpecError(`${where}: version column ${options.version} must be a timestamp`);
  }
  const columns = options.projections.map((p) =>
    options.key.includes(p.column.name) && p.column.nullable
      ? Object.freeze({ ...p.column, nullable: false })
      : p.column,
  );
  return table(options.into, {
    layer: options.layer ?? 'production',
    columns,
    ...(options.freshnessColumn === undefined ? {} : { freshnessColumn: options.freshnessColumn }),
    ...(options.description === undefined ? {} : { description: options.description }),
  });
}
