import type { QualifiedName } from '../../warehouse/identifier.js';
import { column, findColumn } from './columns.js';
import { DdlSpecError } from './errors.js';
import { identifier, nameText, objectName } from './names.js';
import { copyOf, type TableNode, table } from './tables.js';
import { WAREHOUSE_SIZES, type WarehouseSize, wholeNumber } from './tasks.js';
import type { SnapshotNode } from './transforms.js';

/** The Snowflake virtual warehouse the pipeline and its tasks use. */
export interface WarehouseNode {
  readonly kind: 'warehouse';
  readonly name: string;
  readonly size: WarehouseSize;
  readonly autoSuspendSeconds: number;
  readonly autoResume: boolean;
}

/**
 * An XSMALL warehouse that suspends after 60 idle seconds and resumes on demand (seed 002's setup).
 *
 * @example
 * warehouse('CAVES_ALBERT_WH');
 */
export function warehouse(
  name: string,
  options: {
    readonly size?: WarehouseSize;
    readonly autoSuspendSeconds?: number;
    readonly autoResume?: boolean;
  } = {},
): WarehouseNode {
  const size = options.size ?? 'XSMALL';
  if (!WAREHOUSE_SIZES.includes(size))
    throw new DdlSpecError(`warehouse size must be one of ${WAREHOUSE_SIZES.join(', ')}`);
  return Object.freeze({
    kind: 'warehouse',
    name: identifier(name),
    size,
    autoSuspendSeconds: wholeNumber(options.autoSuspendSeconds ?? 60, 0, 86_400, 'autoSuspendSeconds'),
    autoResume: options.autoResume ?? true,
  });
}

export type TimeUnit = 'minute' | 'hour' | 'day' | 'year';

/** Rows of `table` older than `keep` (by `column`) are deleted by the maintenance script. */
export interface RetentionNode {
  readonly kind: 'retention';
  readonly table: TableNode;
  readonly column: string;
  readonly keep: { readonly amount: number; readonly unit: TimeUnit };
}

/**
 * A retention rule.
 *
 * @example
 * retention(raw, 'INGESTION_TIMESTAMP', 30, 'day');
 */
export function retention(
  target: TableNode,
  columnName: string,
  amount: number,
  unit: TimeUnit,
): RetentionNode {
  findColumn(target.columns, columnName, `table ${nameText(target.name)}`);
  return Object.freeze({
    kind: 'retention',
    table: target,
    column: columnName,
    keep: Object.freeze({ amount: wholeNumber(amount, 1, 100_000, 'retention amount'), unit }),
  });
}

/** Rows older than `keep` move from `source` to `archive` (same columns), matched on `key` so a rerun is safe. */
export interface ArchiveNode {
  readonly kind: 'archive';
  readonly source: TableNode;
  readonly archive: TableNode;
  readonly column: string;
  readonly key: readonly string[];
  readonly keep: { readonly amount: number; readonly unit: TimeUnit };
}

/**
 * An archive rule; the archive table copies the source's columns.
 *
 * @example
 * archive(history, objectName('PRODUCTION', 'INVENTORY_HISTORY_ARCHIVE'), { column: 'ADJUSTMENT_DATE', key: ['ADJUSTMENT_ID'], amount: 1, unit: 'year' });
 */
export function archive(
  source: TableNode,
  name: QualifiedName,
  options: {
    readonly column: string;
    readonly key: readonly string[];
    readonly amount: number;
    readonly unit: TimeUnit;
  },
): ArchiveNode {
  const where = `table ${nameText(source.name)}`;
  for (const c of [options.column, ...options.key]) findColumn(source.columns, c, where);
  if (options.key.length === 0) throw new DdlSpecError(`archive of ${nameText(source.name)} needs a key`);
  return Object.freeze({
    kind: 'archive',
    source,
    archive: copyOf(source, name, `Rows moved out of ${nameText(source.name)} by the maintenance script`),
    column: options.column,
    key: Object.freeze([...options.key]),
    keep: Object.freeze({
      amount: wholeNumber(options.amount, 1, 100_000, 'archive amount'),
      unit: options.unit,
    }),
  });
}

/** Optional roles: a loader that writes RAW, a reader of PRODUCTION and MONITORING. */
export interface GrantsNode {
  readonly kind: 'grants';
  readonly loaderRole?: string;
  readonly readerRole?: string;
}

/**
 * Roles to create and grant.
 *
 * @example
 * grants({ loaderRole: 'EVENTFLAKE_LOADER', readerRole: 'CAVES_ALBERT_ANALYST' });
 */
export function grants(roles: { readonly loaderRole?: string; readonly readerRole?: string }): GrantsNode {
  return Object.freeze({
    kind: 'grants',
    ...(roles.loaderRole === undefined ? {} : { loaderRole: identifier(roles.loaderRole) }),
    ...(roles.readerRole === undefined ? {} : { readerRole: identifier(roles.readerRole) }),
  });
}

/**
 * Columns of MONITORING.PIPELINE_HEALTH: seed 000's three, then the layer.
 *
 * @example
 * HEALTH_COLUMNS.map((c) => c.name); // ['TABLE_NAME', 'ROW_COUNT', 'LAST_INGESTION', 'LAYER']
 */
export const HEALTH_COLUMNS = [
  column('TABLE_NAME', 'string', { nullable: false }),
  column('ROW_COUNT', 'integer', { nullable: false }),
  column('LAST_INGESTION', 'timestamp'),
  column('LAYER', 'string', { nullable: false }),
] as const;

/**
 * A history table of health snapshots and the finalizer body that fills it.
 *
 * @example
 * const { table: history, transform } = healthSnapshot(objectName('MONITORING', 'PIPELINE_HEALTH'), objectName('MONITORING', 'PIPELINE_HEALTH_HISTORY'));
 */
export function healthSnapshot(
  view: QualifiedName,
  into: QualifiedName,
): { table: TableNode; transform: SnapshotNode } {
  const target = table(into, {
    layer: 'monitoring',
    columns: [column('CAPTURED_AT', 'timestamp', { nullable: false }), ...HEALTH_COLUMNS],
    freshnessColumn: 'CAPTURED_AT',
    description: `Snapshots of ${nameText(view)}, one per task graph run`,
  });
  return {
    table: target,
    transform: Object.freeze({ kind: 'snapshot', view: objectName(view.schema, view.name), target }),
  };
}
