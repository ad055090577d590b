/**
 * The RAW (bronze) landing table every writer shares — the streaming sink, the file loader and local mode —
 * so one layout serves the DDL renderer, the adapters and the checks. Column names follow seed 000's
 * RAW_EVENTS_STREAM, with seed 003's EVENT_METADATA added for lineage (topic/partition/offset or file/line).
 */
export const RAW_COLUMNS = [
  { name: 'EVENT_ID', snowflake: 'VARCHAR(36)', duckdb: 'VARCHAR', nullable: false },
  { name: 'EVENT_TYPE', snowflake: 'VARCHAR(64)', duckdb: 'VARCHAR', nullable: false },
  { name: 'EVENT_TIMESTAMP', snowflake: 'TIMESTAMP_NTZ', duckdb: 'TIMESTAMP', nullable: false },
  { name: 'PRODUCT_ID', snowflake: 'VARCHAR(128)', duckdb: 'VARCHAR', nullable: true },
  { name: 'CUSTOMER_ID', snowflake: 'VARCHAR(128)', duckdb: 'VARCHAR', nullable: true },
  { name: 'EVENT_DATA', snowflake: 'VARIANT', duckdb: 'JSON', nullable: false },
  { name: 'EVENT_METADATA', snowflake: 'VARIANT', duckdb: 'JSON', nullable: true },
  { name: 'INGESTION_TIMESTAMP', snowflake: 'TIMESTAMP_NTZ', duckdb: 'TIMESTAMP', nullable: false },
] as const;

/** Default location of the RAW table, as in seed 000. */
export const DEFAULT_RAW_TABLE = { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' } as const;

/**
 * One row bound for RAW. `eventData` and `eventMetadata` are JSON text, serialized once by the caller,
 * so the adapters never re-serialize and byte size is known for batching.
 */
export interface RawEventRow {
  readonly eventId: string;
  readonly eventType: string;
  /** ISO 8601 UTC, e.g. `2026-11-23T10:15:00.000Z`. */
  readonly eventTimestamp: string;
  readonly productId: string | null;
  readonly customerId: string | null;
  readonly eventData: string;
  readonly eventMetadata: string | null;
}

/**
 * The first row of each EVENT_ID, in batch order: both adapters dedupe a batch before the anti-join
 * against RAW, so a batch that repeats an event inserts it once.
 *
 * @example
 * firstPerEventId([a, b, { ...a, eventData: '{}' }]); // => [a, b]
 */
export function firstPerEventId(rows: readonly RawEventRow[]): RawEventRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.eventId)) return false;
    seen.add(row.eventId);
    return true;
  });
}
