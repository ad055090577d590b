import { LANDING_SEQUENCE_KEY } from '../ddl/snowflake/snowflake-load-sql.js';
import type { RawEventRow } from '../warehouse/raw-layout.js';

/**
 * One validated event as a line of the loader's staged file: RAW's column names as keys, EVENT_DATA and
 * EVENT_METADATA embedded as JSON (their text is already JSON, so it is spliced in, not re-serialized),
 * and SEQ, the line's position in the load, so the first of two lines sharing an EVENT_ID wins. NULL
 * columns are left out (see LANDING_SEQUENCE_KEY's note).
 *
 * @example
 * out.write(`${stagedLine(row, 1)}\n`);
 */
export function stagedLine(row: RawEventRow, seq: number): string {
  const product = row.productId === null ? '' : `,"PRODUCT_ID":${JSON.stringify(row.productId)}`;
  const customer = row.customerId === null ? '' : `,"CUSTOMER_ID":${JSON.stringify(row.customerId)}`;
  const metadata = row.eventMetadata === null ? '' : `,"EVENT_METADATA":${row.eventMetadata}`;
  return `{"${LANDING_SEQUENCE_KEY}":${seq},"EVENT_ID":${JSON.stringify(row.eventId)},"EVENT_TYPE":${JSON.stringify(
    row.eventType,
  )},"EVENT_TIMESTAMP":${JSON.stringify(row.eventTimestamp)}${product}${customer},"EVENT_DATA":${row.eventData}${metadata}}`;
}
