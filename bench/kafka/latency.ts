import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import {
  BatchSink,
  type BatchSinkOptions,
  type Envelope,
  KafkaProducer,
  KafkaSource,
  MemoryDeadLetterQueue,
  produce,
  wineShopRegistry,
} from '../../src/index.js';
import { SINK_DEFAULTS } from '../../src/sink/sink-options.js';
import { newTopic } from './topics.js';
import { LatencyWarehouse, rawDuckDb } from './warehouses.js';

/** p50/p99 from each record's Kafka timestamp (set by the producer when it sends) to the end of its RAW insert. */
export async function latency(
  kafka: Kafka,
  admin: Admin,
  events: readonly Envelope[],
  rate: number,
  sinkOptions: Partial<BatchSinkOptions>,
) {
  const label =
    sinkOptions.maxBatchAgeMs === undefined
      ? `sink defaults (maxBatchAgeMs ${SINK_DEFAULTS.maxBatchAgeMs})`
      : `maxBatchAgeMs ${sinkOptions.maxBatchAgeMs}`;
  const topic = await newTopic(admin);
  const duck = await rawDuckDb();
  const timed = new LatencyWarehouse(duck);
  const sink = new BatchSink({
    warehouse: timed,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    ...sinkOptions,
  });
  const source = new KafkaSource({
    kafka,
    groupId: `bench-latency-${randomUUID()}`,
    topics: [topic],
    consumer: { maxWaitTimeInMs: 100 },
  });
  const assigned = new Promise<void>((resolve) => source.on('source.rebalance', () => resolve()));
  const running = source.run(sink);
  await assigned;
  const producer = new KafkaProducer({ kafka, topic });
  await produce(producer, events, { rate, count: events.length, lingerMs: 5, batchSize: 50 });
  await producer.disconnect();
  while (timed.samples.length < events.length) await new Promise((r) => setTimeout(r, 50));
  await source.stop();
  await running;
  await sink.close();
  await duck.close();
  const sorted = [...timed.samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(
    `latency at ${rate}/s over ${events.length} events, ${label}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  );
  return { label, p50: at(0.5), p99: at(0.99) };
}
