import { EventflakeError } from '../../../src/errors.js';
import type { QualifiedName } from '../../../src/warehouse/identifier.js';
import type { RawEventRow } from '../../../src/warehouse/raw-layout.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../../../src/warehouse/warehouse.js';

/** What a network outage looks like to the sink: a retriable failure, as a driver's timeout would be. */
export class WarehouseUnavailableError extends EventflakeError {
  constructor() {
    super('ERR_TEST_WAREHOUSE_UNAVAILABLE', 'The warehouse is unavailable (simulated outage)', {
      retriable: true,
    });
  }
}

/**
 * Wraps a warehouse so every call fails with {@link WarehouseUnavailableError} during an outage.
 *
 * @example
 * const flaky = new OutageWarehouse(warehouse);
 * flaky.startOutage(30_000); // every insert and query throws for 30 s
 */
export class OutageWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect: Warehouse['dialect'];
  #downUntil = 0;
  /** Calls refused during outages. */
  refused = 0;

  constructor(readonly inner: Warehouse) {
    this.dialect = inner.dialect;
  }

  startOutage(durationMs: number): void {
    this.#downUntil = Date.now() + durationMs;
  }

  get down(): boolean {
    return Date.now() < this.#downUntil;
  }

  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    this.#failIfDown();
    return this.inner.insertRawEvents(table, rows);
  }

  async execute(sql: string, binds?: readonly Bindable[]): Promise<Row[]> {
    this.#failIfDown();
    return this.inner.execute(sql, binds);
  }

  #failIfDown(): void {
    if (this.down) {
      this.refused += 1;
      throw new WarehouseUnavailableError();
    }
  }
}
