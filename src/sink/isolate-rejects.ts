import { RetriesExhaustedError } from '../retry/create-retry.js';
import type { RawInsertResult } from '../warehouse/warehouse.js';
import { WarehouseRejectedBatchError } from './errors.js';

/** What became of a chunk: counts for the rows that landed, and the rows refused one by one. */
export interface IsolationResult<T> {
  readonly inserted: number;
  readonly skipped: number;
  readonly rejected: readonly { readonly item: T; readonly error: unknown }[];
  readonly calls: number;
}

export interface IsolationSteps<T> {
  /** Insert these items (retrying what is retriable); rejects with the warehouse error otherwise. */
  readonly insert: (items: readonly T[]) => Promise<RawInsertResult>;
  /** Check that the table itself answers; rejects when it does not. */
  readonly probe: () => Promise<void>;
}

/**
 * Rows refused alone, with no other row landing in between, after which the fault is taken to be the
 * table's or the connection's rather than the rows'. A real poison row is refused while its neighbours
 * land; a dropped table or a revoked grant refuses every row, and dead-lettering them all would flood
 * the DLQ with good events.
 */
const TABLE_WIDE_AFTER = 3;

/**
 * Insert `items`, and when the warehouse refuses the chunk for a non-retriable reason, find the rows it
 * refuses by bisection: insert the first half of the failing range; if it lands, the fault is in the
 * second half, else in the first; down to one row, which is returned as rejected. Then the rest of the
 * chunk is tried again as a whole. Each bad row costs about log2(n) + 2 calls; the insert being
 * idempotent on EVENT_ID, landing a prefix twice adds nothing.
 *
 * Throws {@link WarehouseRejectedBatchError} when the fault looks table-wide, and lets retries that ran
 * out ({@link RetriesExhaustedError}) through: neither is a reason to dead-letter rows.
 *
 * @example
 * const { rejected } = await insertIsolatingRejects(rows, {
 *   insert: (part) => retry(() => warehouse.insertRawEvents(table, part)),
 *   probe: async () => { await warehouse.execute(probeSql); },
 * });
 */
export async function insertIsolatingRejects<T>(
  items: readonly T[],
  steps: IsolationSteps<T>,
): Promise<IsolationResult<T>> {
  let inserted = 0;
  let skipped = 0;
  let calls = 0;
  let landedAny = false;
  let probed = false;
  const rejected: { item: T; error: unknown }[] = [];

  /** Resolves with the error when the range is refused, or undefined once it landed. */
  const attempt = async (from: number, to: number): Promise<{ error: unknown } | undefined> => {
    calls += 1;
    try {
      const result = await steps.insert(items.slice(from, to));
      inserted += result.inserted;
      skipped += result.skipped;
      landedAny = true;
      return undefined;
    } catch (error) {
      if (error instanceof RetriesExhaustedError) throw error;
      return { error };
    }
  };

  const reject = async (item: T, error: unknown): Promise<void> => {
    rejected.push({ item, error });
    if (landedAny) return;
    if (rejected.length >= TABLE_WIDE_AFTER) throw new WarehouseRejectedBatchError(items.length, error);
    if (!probed) {
      probed = true;
      await steps.probe().catch((probeError: unknown) => {
        throw new WarehouseRejectedBatchError(items.length, probeError);
      });
    }
  };

  let start = 0;
  while (start < items.length) {
    const whole = await attempt(start, items.length);
    if (whole === undefined) break;
    // [low, high) is known to hold a refused row; `failure` is the error of the last refused range.
    let low = start;
    let high = items.length;
    let failure = whole.error;
    let singleTested = high - low === 1;
    while (high - low > 1) {
      const mid = low + Math.ceil((high - low) / 2);
      const half = await attempt(low, mid);
      if (half === undefined) {
        low = mid;
        singleTested = false;
      } else {
        high = mid;
        failure = half.error;
        singleTested = high - low === 1;
      }
    }
    // When the last refused range was wider than one row, the row is inferred rather than seen:
    // try it alone, both to confirm and to get its own error.
    const refused = singleTested ? { error: failure } : await attempt(low, low + 1);
    if (refused !== undefined) await reject(items[low] as T, refused.error);
    start = low + 1;
  }
  return { inserted, skipped, rejected, calls };
}
