import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import type { LocalPipeline } from '../../../src/local/local-pipeline.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { type InProcessItem, InProcessSource } from '../../../src/sink/in-process-source.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import type { BatchSinkOptions } from '../../../src/sink/sink-options.js';

/**
 * Lands items in a local pipeline's RAW the way a deployment does: a BatchSink fed by an in-process
 * source, closed once drained. Returns the dead letters for the caller to check.
 */
export async function landThroughSink(
  local: LocalPipeline,
  items: Iterable<InProcessItem>,
  options: { readonly batchSize: number; readonly sink?: Partial<BatchSinkOptions> },
): Promise<MemoryDeadLetterQueue> {
  const deadLetterQueue = new MemoryDeadLetterQueue();
  const sink = new BatchSink({
    warehouse: local.warehouse,
    registry: wineShopRegistry,
    deadLetterQueue,
    table: local.rawTable,
    ...options.sink,
  });
  await new InProcessSource(items, { batchSize: options.batchSize }).run(sink);
  await sink.close();
  return deadLetterQueue;
}
