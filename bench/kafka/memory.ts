import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Admin, Kafka } from 'kafkajs';
import { BatchSink, KafkaSource, MemoryDeadLetterQueue, wineShopRegistry } from '../../src/index.js';
import { format, rssMb } from '../measure.js';
import { newTopic, sendOneKbEvents } from './topics.js';
import { DiscardWarehouse } from './warehouses.js';

/**
 * Peak RSS while a sink `eventsPerSecond` slow drains `count` events from a topic of their own:
 * backpressure must keep memory flat. The topic is produced first, in chunks. The base is RSS once a
 * twentieth of the events went through (buffers, connections and JIT code are then in place) after a
 * full GC; growth is the peak after that minus the base. RSS before consuming is printed too: it still
 * holds pages V8 frees lazily from earlier phases, so it is no base.
 */
export interface RssFigures {
  readonly base: number;
  readonly peak: number;
  readonly growth: number;
  readonly quarters: ReadonlyArray<{
    readonly rss: number;
    readonly heap: number;
    readonly committed: number;
    readonly buffers: number;
  }>;
}

export async function slowSinkRss(
  kafka: Kafka,
  admin: Admin,
  count: number,
  eventsPerSecond: number,
): Promise<RssFigures> {
  const topic = await newTopic(admin);
  await sendOneKbEvents(kafka, topic, count, 23);
  collectGarbage();
  const before = rssMb();
  let base: number | undefined;
  let peak = 0;
  const slow = new DiscardWarehouse(eventsPerSecond);
  const sink = new BatchSink({
    warehouse: slow,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    maxBatchEvents: 2_000,
  });
  const source = new KafkaSource({
    kafka,
    groupId: `bench-rss-${randomUUID()}`,
    topics: [topic],
    consumer: { maxWaitTimeInMs: 100 },
  });
  const quarters: Array<{ rss: number; heap: number; committed: number; buffers: number }> = [];
  const takeQuarter = (rss: number) => {
    collectGarbage();
    const usage = process.memoryUsage();
    quarters.push({
      rss,
      heap: usage.heapUsed / 1024 / 1024,
      committed: usage.heapTotal / 1024 / 1024,
      buffers: usage.arrayBuffers / 1024 / 1024,
    });
  };
  const sampler = setInterval(() => {
    if (base === undefined) {
      if (slow.inserted < count / 20) return;
      collectGarbage();
      base = rssMb();
    }
    const now = rssMb();
    peak = Math.max(peak, now);
    if (slow.inserted >= ((quarters.length + 1) * count) / 4) takeQuarter(now);
  }, 100);
  const running = source.run(sink);
  while (slow.inserted < count) await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  // The last event can land between two samples: the loop above then ends before the fourth quarter.
  if (base !== undefined && quarters.length < 4) {
    const now = rssMb();
    peak = Math.max(peak, now);
    takeQuarter(now);
  }
  await source.stop();
  await running;
  await sink.close();
  if (base === undefined) throw new Error('the memory phase ended before its base was taken');
  console.log(
    `slow sink at ${format(eventsPerSecond)} events/s (a tenth of the ceiling) over a fresh topic: ${format(slow.inserted)} events, RSS ${before.toFixed(0)} MB before, base ${base.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`,
  );
  return { base, peak, growth: peak - base, quarters };
}

/** A full GC, so RSS figures start from live data only (V8 exposes gc() once the flag is set). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}
