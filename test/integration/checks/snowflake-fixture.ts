import { randomUUID } from 'node:crypto';
import { eventFlows } from '../../../src/checks/pipeline-shape.js';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { SnowflakeWarehouse } from '../../../src/warehouse/snowflake/snowflake-warehouse.js';
import type { Bindable } from '../../../src/warehouse/warehouse.js';

const spec = wineShopSpec;
type Values = Record<string, Bindable>;

/** A warehouse on its own emulator database, so test files sharing fakesnow never meet. */
export async function freshDatabase(
  accessUrl: string,
): Promise<{ warehouse: SnowflakeWarehouse; database: string }> {
  const config = {
    account: 'eventflake',
    username: 'eventflake',
    password: 'emulator',
    accessUrl,
    timeoutMs: 15_000,
  };
  const database = `CHECKS_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  const admin = await SnowflakeWarehouse.connect(config);
  try {
    await admin.execute(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.close();
  }
  const warehouse = await SnowflakeWarehouse.connect({ ...config, database });
  return { warehouse, database };
}

/**
 * The wine-shop schemas and tables from the rendered Snowflake 01_setup.sql and 02_tables.sql: the
 * statements fakesnow runs (no warehouse, no USE DATABASE: the connection names its own, and no table
 * comment).
 */
export async function createWineShopTables(warehouse: SnowflakeWarehouse): Promise<void> {
  const files = render(spec, { dialect: 'snowflake' });
  const statements = files
    .filter((f) => f.name === '01_setup.sql' || f.name === '02_tables.sql')
    .flatMap((f) => f.statements)
    .filter((s) => s.name.startsWith('create_schema_') || s.name.startsWith('create_table_'));
  // fakesnow (0.12) mis-reads a doubled quote in a table COMMENT (d''Albert): the table comment goes.
  for (const s of statements) await warehouse.execute(s.sql.replace(/\nCOMMENT = '(?:[^']|'')*'$/, ''));
}

/** `2026-11-23 10:15:30.250`, how TIMESTAMP_NTZ columns take a bound text. */
export const ntz = (at: Date | string): string =>
  new Date(at).toISOString().replace('T', ' ').replace('Z', '');

/**
 * Writes events into RAW, STAGING and PRODUCTION as the tasks would have (fakesnow has no streams
 * or tasks): STAGING columns from the event by the spec's column sources, PRODUCTION rows from the
 * tasks' projections, the latest version per key.
 */
export async function insertThroughLayers(
  warehouse: SnowflakeWarehouse,
  events: readonly object[],
  ingestedAt: Date,
): Promise<void> {
  await insertRaw(warehouse, events, ingestedAt);
  for (const { staging, targets } of eventFlows(spec)) {
    const rows = events
      .map(fields)
      .filter((e) => e.get('event_type') === staging.eventType)
      .map((event) => {
        const row: Values = { INGESTION_TIMESTAMP: ntz(ingestedAt) };
        for (const { column, source } of staging.staged) {
          const value =
            source.kind === 'raw' ? envelopeValue(event, source.column) : dataValue(event, source.path);
          row[column.name] =
            column.type.kind === 'timestamp' && typeof value === 'string' ? ntz(value) : value;
        }
        return row;
      });
    await insertRows(warehouse, staging.table.name, rows);
    for (const target of targets) {
      const latest = new Map<string, Values>();
      for (const row of rows) {
        const projected: Values = {};
        for (const p of target.transform.projections) {
          const e = p.expr;
          projected[p.column.name] =
            e.kind === 'now'
              ? ntz(ingestedAt)
              : e.kind === 'ref'
                ? (row[e.column] ?? null)
                : String(row[e.column]).slice(0, 10);
        }
        const key = target.key.map((k) => String(projected[k])).join('|');
        const seen = latest.get(key);
        const version = target.transform.version;
        if (seen === undefined || String(projected[version]) > String(seen[version]))
          latest.set(key, projected);
      }
      await insertRows(warehouse, target.table.name, [...latest.values()]);
    }
  }
}

/** RAW rows only: what a writer landed and no task has moved yet (or never will). */
export async function insertRaw(
  warehouse: SnowflakeWarehouse,
  events: readonly object[],
  ingestedAt: Date,
): Promise<void> {
  if (events.length === 0) return;
  const text = (value: unknown) => (value === undefined || value === null ? null : String(value));
  const rows = events
    .map(fields)
    .map((e): Bindable[] => [
      text(e.get('event_id')),
      text(e.get('event_type')),
      ntz(String(e.get('event_timestamp'))),
      text(e.get('product_id')),
      text(e.get('customer_id')),
      JSON.stringify(e.get('event_data')),
      ntz(ingestedAt),
    ]);
  await warehouse.execute(
    `INSERT INTO "RAW_DATA"."RAW_EVENTS_STREAM" ("EVENT_ID", "EVENT_TYPE", "EVENT_TIMESTAMP", "PRODUCT_ID", "CUSTOMER_ID",
  "EVENT_DATA", "EVENT_METADATA", "INGESTION_TIMESTAMP")
SELECT column1, column2, column3, column4, column5, PARSE_JSON(column6), NULL, column7
FROM VALUES ${placeholders(rows.length, 7)}`,
    rows.flat(),
  );
}

async function insertRows(
  warehouse: SnowflakeWarehouse,
  table: { schema: string; name: string },
  rows: readonly Values[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  await warehouse.execute(
    `INSERT INTO "${table.schema}"."${table.name}" (${columns.map((c) => `"${c}"`).join(', ')})
VALUES ${placeholders(rows.length, columns.length)}`,
    rows.flatMap((r) => columns.map((c) => r[c] ?? null)),
  );
}

/** An event's top-level fields, whatever its type: the faults write events the schema would refuse. */
function fields(event: object): Map<string, unknown> {
  return new Map(Object.entries(event));
}

function envelopeValue(event: Map<string, unknown>, column: string): Bindable {
  return bindable(event.get(column.toLowerCase()));
}

function dataValue(event: Map<string, unknown>, path: readonly string[]): Bindable {
  let node: unknown = event.get('event_data');
  for (const key of path)
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return bindable(node);
}

/** `(?, ?), (?, ?)`: one group per row, binds flattened in the same order. */
function placeholders(rows: number, columns: number): string {
  const group = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => group).join(', ');
}

function bindable(value: unknown): Bindable {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
