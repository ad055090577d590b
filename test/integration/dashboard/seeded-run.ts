import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { injectFaults, serializeFaultyItem } from '../../../src/generate/faults.js';
import { createGenerator } from '../../../src/generate/generator.js';
import { wineShop } from '../../../src/generate/wine-shop/domain.js';
import type { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { InProcessSource } from '../../../src/sink/in-process-source.js';
import { JsonlFileDeadLetterQueue } from '../../../src/sink/jsonl-file-dead-letter-queue.js';

/**
 * Lands a seeded slice of wine-shop events, with a few malformed ones for the dead-letter file, the
 * way a deployment does (in-process source → BatchSink → RAW), then runs the task graphs until idle.
 * The events span `spanMs` and end about now, so the last of them fall on today's UTC date.
 */
export async function landAndRun(
  local: LocalPipeline,
  options: {
    readonly seed: number;
    readonly events: number;
    readonly spanMs: number;
    readonly dlqPath: string;
  },
): Promise<void> {
  const events = createGenerator(wineShop, {
    seed: options.seed,
    startTime: Date.now() - options.spanMs,
    meanIntervalMs: options.spanMs / options.events,
  }).take(options.events);
  const records = [
    ...injectFaults(events, { seed: options.seed, malformedRate: 0.01, duplicateRate: 0 }),
  ].map(serializeFaultyItem);
  const deadLetterQueue = new JsonlFileDeadLetterQueue({ path: options.dlqPath });
  const sink = new BatchSink({
    warehouse: local.warehouse,
    table: local.rawTable,
    registry: wineShopRegistry,
    deadLetterQueue,
  });
  try {
    await new InProcessSource(records, { origin: 'dashboard-test' }).run(sink);
    await sink.close();
  } finally {
    await deadLetterQueue.close();
  }
  await local.runUntilIdle();
}
