import { Registry } from 'prom-client';
import { wineShopRegistry } from '../../../../src/events/index.js';
import { BatchSink } from '../../../../src/sink/batch-sink.js';
import { MemoryDeadLetterQueue } from '../../../../src/sink/memory-dead-letter-queue.js';
import type { BatchSinkOptions } from '../../../../src/sink/sink-options.js';
import type { SourceBatch, SourceRecord } from '../../../../src/sink/source.js';
import { FakeWarehouse } from './fake-warehouse.js';

/** Retries without waiting, so tests never sleep. */
export const instantRetry = { retries: 3, sleep: async () => {} } as const;

export interface Harness {
  readonly sink: BatchSink;
  readonly warehouse: FakeWarehouse;
  readonly dlq: MemoryDeadLetterQueue;
  readonly metrics: Registry;
  /** Names of acknowledged batches, in ack order. */
  readonly acked: string[];
  /** A batch named `name` whose ack is recorded in `acked`. */
  batch(name: string, items: readonly unknown[]): SourceBatch;
}

export function createHarness(options: Partial<BatchSinkOptions> = {}): Harness {
  const warehouse = new FakeWarehouse();
  const dlq = new MemoryDeadLetterQueue();
  const metrics = new Registry();
  const acked: string[] = [];
  const sink = new BatchSink({
    warehouse,
    registry: wineShopRegistry,
    deadLetterQueue: dlq,
    metricsRegistry: metrics,
    retry: instantRetry,
    ...options,
  });
  const batch = (name: string, items: readonly unknown[]): SourceBatch => ({
    records: items.map((item, index) => toRecord(item, { batch: name, index })),
    ack: async () => {
      acked.push(name);
    },
  });
  return { sink, warehouse, dlq, metrics, acked, batch };
}

export function toRecord(item: unknown, lineage: Record<string, unknown>): SourceRecord {
  const value = typeof item === 'string' || item instanceof Uint8Array ? item : JSON.stringify(item);
  return { value, lineage };
}

/** Current value of a counter or gauge, summed over label sets matching `labels`. */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .filter((v) => !('metricName' in v) || v.metricName === `${name}_count` || v.metricName === undefined)
    .reduce((sum, v) => sum + v.value, 0);
}
