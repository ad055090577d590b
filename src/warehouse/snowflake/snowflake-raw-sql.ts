import type { Bind } from 'snowflake-sdk';
import { quoteIdentifier } from '../identifier.js';
import { RAW_COLUMNS, type RawEventRow } from '../raw-layout.js';

const BOUND_COLUMNS = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

/**
 * INSERT … SELECT … FROM VALUES with `?` binds, keeping only EVENT_IDs not yet in RAW. Functions are not
 * allowed inside VALUES, hence the projection; Snowflake enforces no PRIMARY KEY, hence the anti-join.
 * Its cost: one probe of RAW's EVENT_ID per statement (docs/warehouse.md).
 */
export function insertNewRawRowsSql(rawTable: string): string {
  const names = RAW_COLUMNS.map((c) => quoteIdentifier(c.name)).join(', ');
  const projected = BOUND_COLUMNS.map((c, i) => {
    const column = `column${i + 1}`;
    const value =
      c.snowflake === 'VARIANT'
        ? `PARSE_JSON(${column})`
        : c.snowflake === 'TIMESTAMP_NTZ'
          ? `TO_TIMESTAMP_NTZ(${column})`
          : column;
    return `${value} AS ${quoteIdentifier(c.name)}`;
  }).join(', ');
  const placeholders = BOUND_COLUMNS.map(() => '?').join(', ');
  const id = quoteIdentifier('EVENT_ID');
  return `INSERT INTO ${rawTable} (${names})
SELECT b.*, SYSDATE()
FROM (SELECT ${projected} FROM VALUES (${placeholders})) AS b
WHERE NOT EXISTS (SELECT 1 FROM ${rawTable} AS r WHERE r.${id} = b.${id})`;
}

export function rawRowBinds(row: RawEventRow): Bind[] {
  return [
    row.eventId,
    row.eventType,
    row.eventTimestamp,
    row.productId,
    row.customerId,
    row.eventData,
    row.eventMetadata,
  ];
}

/** Limits one statement must stay inside: binds below the driver's stage-upload threshold and text under 1 MB. */
export interface StatementLimits {
  readonly maxBinds: number;
  readonly maxBytes: number;
}

/**
 * Split rows into statements that each stay within `limits`, so no statement crosses Snowflake's 1 MB
 * retriable size or silently switches to the driver's SYSTEM$BIND stage upload.
 */
export function chunkRows(rows: readonly RawEventRow[], limits: StatementLimits): RawEventRow[][] {
  const maxRows = Math.max(1, Math.floor(limits.maxBinds / BOUND_COLUMNS.length));
  const chunks: RawEventRow[][] = [];
  let current: RawEventRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = rowBytes(row);
    if (current.length > 0 && (current.length >= maxRows || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function rowBytes(row: RawEventRow): number {
  let n = 16 * BOUND_COLUMNS.length;
  for (const value of rawRowBinds(row)) if (value !== null) n += Buffer.byteLength(String(value));
  return n;
}
