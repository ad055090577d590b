import type { WineShopEvent } from '../../../../src/events/wine-shop.js';
import { wineShopRegistry } from '../../../../src/events/wine-shop.js';
import { type FaultStats, injectFaults } from '../../../../src/generate/faults.js';
import { createGenerator } from '../../../../src/generate/generator.js';
import { wineShop } from '../../../../src/generate/wine-shop/domain.js';
import { BatchSink } from '../../../../src/sink/batch-sink.js';
import { InProcessSource } from '../../../../src/sink/in-process-source.js';
import { MemoryDeadLetterQueue } from '../../../../src/sink/memory-dead-letter-queue.js';
import type { QualifiedName } from '../../../../src/warehouse/identifier.js';
import type { RawEventRow } from '../../../../src/warehouse/raw-layout.js';
import type { RawInsertResult, Warehouse } from '../../../../src/warehouse/warehouse.js';

/** A seeded wine-shop run with duplicates and late events, in the order a broker would deliver it. */
export interface FaultyRun {
  readonly delivered: readonly WineShopEvent[];
  readonly stats: FaultStats;
}

export interface FaultyRunOptions {
  readonly events: number;
  readonly seed: number;
  readonly startTime?: Date;
  readonly meanIntervalMs?: number;
  readonly duplicateRate: number;
  readonly lateRate: number;
  readonly lateByEvents: number;
}

/**
 * Generates `events` source events and injects faults into them; only duplicates and late events,
 * which are valid events the pipeline must absorb (malformed ones go to the DLQ, tested elsewhere).
 *
 * @example
 * const run = faultyWineShopRun({ events: 3_000, seed: 7, duplicateRate: 0.03, lateRate: 0.03, lateByEvents: 400 });
 */
export function faultyWineShopRun(options: FaultyRunOptions): FaultyRun {
  const generator = createGenerator(wineShop, {
    seed: options.seed,
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    ...(options.meanIntervalMs === undefined ? {} : { meanIntervalMs: options.meanIntervalMs }),
  });
  const faulty = injectFaults(generator.take(options.events), {
    duplicateRate: options.duplicateRate,
    lateRate: options.lateRate,
    lateByEvents: options.lateByEvents,
    seed: options.seed,
  });
  const delivered: WineShopEvent[] = [];
  for (const item of faulty) if (item.event !== undefined) delivered.push(item.event);
  return { delivered, stats: faulty.stats };
}

/** Splits items into `parts` consecutive slices of near-equal size. */
export function slices<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Lands events in RAW the way a deployment does: an in-process source feeding a BatchSink. Rejects
 * if any event reached the dead-letter queue, since every event here is valid.
 */
export async function land(
  warehouse: Pick<Warehouse, 'insertRawEvents' | 'execute'>,
  table: QualifiedName,
  events: readonly WineShopEvent[],
): Promise<void> {
  const deadLetterQueue = new MemoryDeadLetterQueue();
  const sink = new BatchSink({
    warehouse,
    registry: wineShopRegistry,
    deadLetterQueue,
    table,
    maxBatchEvents: 1_000,
  });
  await new InProcessSource(events, { batchSize: 500 }).run(sink);
  await sink.close();
  if (deadLetterQueue.letters.length > 0) {
    throw new Error(`${deadLetterQueue.letters.length} valid events were dead-lettered`);
  }
}

/**
 * A warehouse that passes everything through and keeps the RAW rows the sink wrote, so the very same
 * rows can then be written to a second warehouse.
 */
export class RecordingWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute'> {
  readonly #inner: Warehouse;
  #rows: RawEventRow[] = [];

  constructor(inner: Warehouse) {
    this.#inner = inner;
  }

  execute: Warehouse['execute'] = (sql, binds) => this.#inner.execute(sql, binds);

  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const result = await this.#inner.insertRawEvents(table, rows);
    this.#rows.push(...rows);
    return result;
  }

  /** The rows written since the last call, duplicates included, in write order. */
  take(): RawEventRow[] {
    const rows = this.#rows;
    this.#rows = [];
    return rows;
  }
}
