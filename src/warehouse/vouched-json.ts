import type { RawEventRow } from './raw-layout.js';

const vouched = new WeakSet<readonly RawEventRow[]>();

/**
 * Marks a batch whose every `eventData` its builder wrote as JSON itself (JSON.stringify, or the fast
 * path's strict match of JSON.stringify's output), so an adapter may store it without parsing it again.
 * Internal: only the sink vouches, and only for the array it hands over; any other caller's rows are
 * checked by the warehouse as before. Returns `rows`.
 *
 * @example
 * await warehouse.insertRawEvents(table, vouchEventDataIsJson(rows.map((r) => r.row)));
 */
export function vouchEventDataIsJson<T extends readonly RawEventRow[]>(rows: T): T {
  vouched.add(rows);
  return rows;
}

/**
 * Whether {@link vouchEventDataIsJson} marked this very array.
 *
 * @example
 * isEventDataVouched(vouchEventDataIsJson([])); // => true
 */
export function isEventDataVouched(rows: readonly RawEventRow[]): boolean {
  return vouched.has(rows);
}
