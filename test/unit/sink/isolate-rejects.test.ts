import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventflakeError } from '../../../src/errors.js';
import { RetriesExhaustedError } from '../../../src/retry/index.js';
import { WarehouseRejectedBatchError } from '../../../src/sink/errors.js';
import { insertIsolatingRejects } from '../../../src/sink/isolate-rejects.js';

/** A warehouse over row numbers that refuses any insert holding a bad one, idempotently storing the rest. */
function warehouseRefusing(bad: ReadonlySet<number>) {
  const stored = new Set<number>();
  let calls = 0;
  return {
    stored,
    calls: () => calls,
    steps: {
      insert: async (rows: readonly number[]) => {
        calls += 1;
        const refused = rows.find((row) => bad.has(row));
        if (refused !== undefined) throw new EventflakeError('ERR_ROW', `row ${refused} refused`);
        const fresh = rows.filter((row) => !stored.has(row));
        for (const row of fresh) stored.add(row);
        return { inserted: fresh.length, skipped: rows.length - fresh.length };
      },
      probe: async () => {},
    },
  };
}

const chunkWithBadRows = fc.integer({ min: 1, max: 300 }).chain((size) =>
  fc.tuple(
    fc.constant(size),
    // Half the draws near the start, where the table-wide rule looks.
    fc.uniqueArray(
      fc.oneof(fc.integer({ min: 0, max: Math.min(size - 1, 4) }), fc.integer({ min: 0, max: size - 1 })),
      { maxLength: 8 },
    ),
  ),
);

describe('insertIsolatingRejects', () => {
  it('rejects exactly the refused rows and lands every other row, unless the first three rows are all refused', async () => {
    let tableWideSeen = 0;
    await fc.assert(
      fc.asyncProperty(chunkWithBadRows, async ([size, badList]) => {
        const bad = new Set(badList);
        const rows = Array.from({ length: size }, (_, i) => i);
        const wh = warehouseRefusing(bad);
        const tableWide = size >= 3 && bad.has(0) && bad.has(1) && bad.has(2);
        const outcome = await insertIsolatingRejects(rows, wh.steps).catch((error: unknown) => error);
        if (tableWide) {
          expect(outcome).toBeInstanceOf(WarehouseRejectedBatchError);
          tableWideSeen += 1;
          return;
        }
        if (outcome instanceof Error) throw outcome;
        const result = outcome as Awaited<ReturnType<typeof insertIsolatingRejects<number>>>;
        expect(result.rejected.map((r) => r.item)).toEqual([...bad].sort((a, b) => a - b));
        expect(wh.stored.size).toBe(size - bad.size);
        expect(result.inserted).toBe(size - bad.size);
        expect(result.calls).toBe(wh.calls());
        // Cost stays logarithmic per refused row.
        expect(result.calls).toBeLessThanOrEqual(1 + bad.size * (Math.ceil(Math.log2(size)) + 3));
      }),
      { numRuns: 300 },
    );
    expect(tableWideSeen).toBeGreaterThan(0);
  });

  it('makes one call when nothing is refused', async () => {
    const wh = warehouseRefusing(new Set());
    const result = await insertIsolatingRejects([1, 2, 3], wh.steps);
    expect(result).toEqual({ inserted: 3, skipped: 0, rejected: [], calls: 1 });
  });

  it('lets exhausted retries through instead of bisecting', async () => {
    let calls = 0;
    const exhausted = new RetriesExhaustedError(3, new Error('timeout'));
    const failure = await insertIsolatingRejects([1, 2, 3, 4], {
      insert: async () => {
        calls += 1;
        throw exhausted;
      },
      probe: async () => {},
    }).catch((error: unknown) => error);
    expect(failure).toBe(exhausted);
    expect(calls).toBe(1);
  });
});
