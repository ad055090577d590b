import { existsSync } from 'node:fs';
import type { WineShopEvent } from '../events/wine-shop.js';
import { wineShopRegistry } from '../events/wine-shop.js';
import { type FaultStats, injectFaults, serializeFaultyItem } from '../generate/faults.js';
import { createGenerator } from '../generate/generator.js';
import { wineShop } from '../generate/wine-shop/domain.js';
import { BatchSink } from '../sink/batch-sink.js';
import { JsonlFileDeadLetterQueue, readDeadLetters } from '../sink/jsonl-file-dead-letter-queue.js';
import type { QualifiedName } from '../warehouse/identifier.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { Transport } from './demo-transport.js';

const DAY_MS = 86_400_000;

/** The seeded run: its events, and the records sent (events plus injected duplicates and malformed payloads). */
export interface DemoRecords {
  readonly events: readonly WineShopEvent[];
  readonly records: readonly string[];
  readonly faults: Readonly<FaultStats>;
}

/** What landing did, counted from the sink's own events and the dead-letter file. */
export interface Landing {
  /** Rows RAW added. */
  readonly inserted: number;
  /** Rows RAW already held (an earlier run of the same seed, or a redelivery). */
  readonly skipped: number;
  /** Records written to the dead-letter file. */
  readonly letters: number;
}

/**
 * Seeded wine-shop events over `days` simulated days ending now, with malformed and duplicated ones
 * injected as real producers send them.
 *
 * @example
 * const { records } = generateRecords({ events: 1000, days: 3, seed: 42, malformedRate: 0.01, duplicateRate: 0.01 });
 */
export function generateRecords(options: {
  readonly events: number;
  readonly days: number;
  readonly seed: number;
  readonly malformedRate: number;
  readonly duplicateRate: number;
}): DemoRecords {
  const events = createGenerator(wineShop, {
    seed: options.seed,
    startTime: Date.now() - options.days * DAY_MS,
    meanIntervalMs: (options.days * DAY_MS) / options.events,
  }).take(options.events);
  const faulty = injectFaults(events, {
    seed: options.seed,
    malformedRate: options.malformedRate,
    duplicateRate: options.duplicateRate,
  });
  const records = [...faulty].map(serializeFaultyItem);
  return { events, records, faults: faulty.stats };
}

/**
 * Delivers `records` through `transport` into a batch sink on `table`, dead letters to the JSON Lines
 * file `dlq`, and resolves once everything is durable.
 *
 * @example
 * const landing = await landRecords({ warehouse, table: spec.raw.name, dlq: 'dlq.jsonl', records, transport });
 */
export async function landRecords(options: {
  readonly warehouse: Warehouse;
  readonly table: QualifiedName;
  readonly dlq: string;
  readonly records: readonly string[];
  readonly transport: Transport;
}): Promise<Landing> {
  const deadLetterQueue = new JsonlFileDeadLetterQueue({ path: options.dlq });
  const counts = { inserted: 0, skipped: 0 };
  try {
    const sink = new BatchSink({
      warehouse: options.warehouse,
      table: options.table,
      registry: wineShopRegistry,
      deadLetterQueue,
    });
    sink.on('flush', (info) => {
      counts.inserted += info.inserted;
      counts.skipped += info.skipped;
    });
    await options.transport.deliver(options.records, sink);
    await sink.close();
  } finally {
    await deadLetterQueue.close();
  }
  return { ...counts, letters: await countDeadLetters(options.dlq) };
}

async function countDeadLetters(path: string): Promise<number> {
  // The file is created with the first letter: a clean run has none.
  if (!existsSync(path)) return 0;
  let letters = 0;
  for await (const _letter of readDeadLetters(path)) letters++;
  return letters;
}
