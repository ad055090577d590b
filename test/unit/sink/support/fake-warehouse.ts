import { EventflakeError } from '../../../../src/errors.js';
import type { QualifiedName } from '../../../../src/warehouse/identifier.js';
import type { RawEventRow } from '../../../../src/warehouse/raw-layout.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../../../../src/warehouse/warehouse.js';

/** A call the test completes by hand. */
export interface HeldCall {
  readonly ids: readonly string[];
  release(): void;
  fail(error: unknown): void;
}

/**
 * A warehouse the test steers: idempotent on EVENT_ID like the real adapters, and able to fail N times
 * retriably, refuse given event ids, refuse everything, or hold each call until the test releases it.
 */
export class FakeWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute'> {
  readonly stored = new Map<string, RawEventRow>();
  /** Event ids of every insert call, in call order. */
  readonly calls: string[][] = [];
  readonly held: HeldCall[] = [];
  readonly executed: string[] = [];
  /** The next this many inserts fail with a retriable error. */
  retriableFailures = 0;
  /** An insert holding any of these ids fails with a non-retriable error naming the first. */
  readonly rejectIds = new Set<string>();
  /** Every insert fails with this. */
  failAll: Error | undefined;
  /** `execute` (the sink's probe) fails with this. */
  probeError: Error | undefined;
  /** Hold each insert until the test calls release() or fail() on it. */
  holdCalls = false;

  async insertRawEvents(_table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const ids = rows.map((row) => row.eventId);
    this.calls.push(ids);
    if (this.holdCalls) {
      await new Promise<void>((resolve, reject) => {
        this.held.push({ ids, release: resolve, fail: reject });
      });
    }
    if (this.failAll) throw this.failAll;
    if (this.retriableFailures > 0) {
      this.retriableFailures -= 1;
      throw new EventflakeError('ERR_TEST_BLIP', 'warehouse briefly unavailable', { retriable: true });
    }
    const bad = ids.find((id) => this.rejectIds.has(id));
    if (bad !== undefined) {
      throw new EventflakeError('ERR_TEST_REJECT', `Timestamp out of range for ${bad}`, { retriable: false });
    }
    let inserted = 0;
    for (const row of rows) {
      if (this.stored.has(row.eventId)) continue;
      this.stored.set(row.eventId, row);
      inserted += 1;
    }
    return { inserted, skipped: rows.length - inserted };
  }

  async execute(sql: string, _binds?: readonly Bindable[]): Promise<Row[]> {
    this.executed.push(sql);
    if (this.probeError) throw this.probeError;
    return [];
  }

  /** Wait until `count` calls are held. */
  async heldCalls(count: number): Promise<readonly HeldCall[]> {
    for (let spins = 0; this.held.length < count; spins += 1) {
      if (spins > 1_000) throw new Error(`expected ${count} held calls, got ${this.held.length}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this.held;
  }
}
