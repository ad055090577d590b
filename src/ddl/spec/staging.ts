import type { ColumnSpec } from '../../events/columns.js';
import type { QualifiedName } from '../../warehouse/identifier.js';
import { RAW_COLUMNS } from '../../warehouse/raw-layout.js';
import { type ColumnNode, column } from './columns.js';
import { DdlSpecError } from './errors.js';
import { type TableNode, table } from './tables.js';

/** What the DDL needs of an event definition (an `EventDefinition` fits). */
export interface StagedEventSource {
  readonly type: string;
  readonly description?: string;
  readonly columns: readonly ColumnSpec[];
}

/** Where a STAGING column's value comes from: a typed RAW column, or a path inside EVENT_DATA. */
export type ColumnSource =
  | { readonly kind: 'raw'; readonly column: string }
  | { readonly kind: 'json'; readonly path: readonly string[] };

export interface StagedColumn {
  readonly column: ColumnNode;
  readonly source: ColumnSource;
}

/** One STAGING table: the columns of one event type, projected from RAW and cleaned. */
export interface StagingNode {
  readonly kind: 'staging';
  readonly eventType: string;
  readonly table: TableNode;
  /** The projected columns, in table order (INGESTION_TIMESTAMP, carried from RAW, is not among them). */
  readonly staged: readonly StagedColumn[];
  /** Business key columns (declared `key: true` on the event fields), e.g. ORDER_ID. */
  readonly key: readonly string[];
}

/** JSON keys become part of a path literal, so they are held to identifier shape. */
const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Event types are compared as string literals in task bodies; the events module enforces the same shape. */
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RAW_NAMES: ReadonlySet<string> = new Set(RAW_COLUMNS.map((c) => c.name));

/**
 * Derives a STAGING table from an event definition: its envelope columns come from RAW's typed
 * columns, its event_data fields from EVENT_DATA, then INGESTION_TIMESTAMP (when the row landed in
 * RAW). Columns keep the definition's names, types and nullability.
 *
 * @example
 * stagingFor(orderCreated, objectName('STAGING', 'STG_ORDERS'));
 */
export function stagingFor(event: StagedEventSource, name: QualifiedName): StagingNode {
  if (!EVENT_TYPE.test(event.type)) {
    throw new DdlSpecError(
      `event type \`${event.type.slice(0, 80)}\` must be letters, digits and underscores`,
    );
  }
  const staged = event.columns.map((spec) => stagedColumn(event.type, spec));
  const ingestion = column('INGESTION_TIMESTAMP', 'timestamp', {
    nullable: false,
    description: 'When the event landed in RAW (UTC)',
  });
  const node: StagingNode = {
    kind: 'staging',
    eventType: event.type,
    table: table(name, {
      layer: 'staging',
      columns: [...staged.map((s) => s.column), ingestion],
      freshnessColumn: 'INGESTION_TIMESTAMP',
      description: `${event.type} events, typed and cleaned${event.description ? `: ${event.description}` : ''}`,
    }),
    staged: Object.freeze(staged),
    key: Object.freeze(event.columns.filter((c) => c.key).map((c) => c.name)),
  };
  return Object.freeze(node);
}

function stagedColumn(eventType: string, spec: ColumnSpec): StagedColumn {
  const options = {
    nullable: spec.nullable,
    ...(spec.description === undefined ? {} : { description: spec.description }),
  };
  const node = column(spec.name, spec.type, options);
  const [head, ...rest] = spec.path;
  if (head === 'event_data' && rest.length > 0) {
    for (const key of rest) {
      if (!JSON_KEY.test(key)) {
        throw new DdlSpecError(
          `${eventType}: event_data key \`${key.slice(0, 80)}\` cannot be used in a JSON path`,
        );
      }
    }
    return Object.freeze({
      column: node,
      source: Object.freeze({ kind: 'json', path: Object.freeze(rest) }),
    });
  }
  const rawColumn = (head ?? '').toUpperCase();
  if (rest.length > 0 || !RAW_NAMES.has(rawColumn)) {
    throw new DdlSpecError(
      `${eventType}: column ${spec.name} comes from ${spec.path.join('.')}, which RAW does not hold`,
    );
  }
  return Object.freeze({ column: node, source: Object.freeze({ kind: 'raw', column: rawColumn }) });
}
