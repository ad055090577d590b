import type { QualifiedName } from '../../warehouse/identifier.js';
import { DEFAULT_RAW_TABLE, RAW_COLUMNS } from '../../warehouse/raw-layout.js';
import { assertUniqueColumns, type ColumnNode, column, findColumn, nativeType } from './columns.js';
import { DdlSpecError } from './errors.js';
import { nameText, objectName } from './names.js';

/** Medallion layer of a table; `reference` tables (customers, catalog) are loaded from files, not by tasks. */
export type Layer = 'raw' | 'staging' | 'production' | 'reference' | 'monitoring';

export interface TableNode {
  readonly kind: 'table';
  readonly name: QualifiedName;
  readonly layer: Layer;
  readonly columns: readonly ColumnNode[];
  /** The column PIPELINE_HEALTH reports as the table's last activity (e.g. INGESTION_TIMESTAMP). */
  readonly freshnessColumn?: string;
  readonly description?: string;
}

export interface TableOptions {
  readonly layer: Layer;
  readonly columns: readonly ColumnNode[];
  readonly freshnessColumn?: string;
  readonly description?: string;
}

/**
 * A table node. Column names must be unique; the freshness column, when given, must be one of them.
 *
 * @example
 * table(objectName('PRODUCTION', 'CUSTOMERS'), { layer: 'reference', columns: [column('ID', 'string')] });
 */
export function table(name: QualifiedName, options: TableOptions): TableNode {
  const where = `table ${nameText(name)}`;
  if (options.columns.length === 0) throw new DdlSpecError(`${where} has no columns`);
  assertUniqueColumns(options.columns, where);
  if (options.freshnessColumn !== undefined) findColumn(options.columns, options.freshnessColumn, where);
  const node: TableNode = {
    kind: 'table',
    name: objectName(name.schema, name.name),
    layer: options.layer,
    columns: Object.freeze([...options.columns]),
    ...(options.freshnessColumn === undefined ? {} : { freshnessColumn: options.freshnessColumn }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return Object.freeze(node);
}

/**
 * The RAW landing table shared by every writer, with the column layout of `RAW_COLUMNS`.
 *
 * @example
 * rawTable(); // RAW_DATA.RAW_EVENTS_STREAM
 */
export function rawTable(name: QualifiedName = DEFAULT_RAW_TABLE): TableNode {
  return table(name, {
    layer: 'raw',
    columns: RAW_COLUMNS.map((c) =>
      column(c.name, nativeType(c.snowflake, c.duckdb), { nullable: c.nullable }),
    ),
    freshnessColumn: 'INGESTION_TIMESTAMP',
    description: 'Events as they arrived from Kafka or files: one row per EVENT_ID, payload in EVENT_DATA',
  });
}

/**
 * A table with the columns of `source` under another name, e.g. an archive of INVENTORY_HISTORY.
 *
 * @example
 * copyOf(inventoryHistory, objectName('PRODUCTION', 'INVENTORY_HISTORY_ARCHIVE'));
 */
export function copyOf(source: TableNode, name: QualifiedName, description?: string): TableNode {
  return table(name, {
    layer: source.layer,
    columns: source.columns,
    ...(description === undefined ? {} : { description }),
  });
}
