import { describe, expect, it } from 'vitest';
import type { BatchEndInfo, PauseInfo, RebalanceInfo } from '../../../src/kafka/instrumentation-events.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import {
  CountingWarehouse,
  consumeAll,
  groupOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  rawCounts,
  sourceOptions,
  trackCommits,
  untilCommitted,
  wineShopSink,
} from './support.js';

const ctx = kafkaTestContext('flow-control');

function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => void,
  accept: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => subscribe((value) => accept(value) && resolve(value)));
}

describe('KafkaSource flow control', () => {
  it('pauses every partition while a slow sink is above its high-water mark, resumes once drained, never holds more', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'pressure');
    const ends = await ctx.produceEvents(topic, 2_000, 21);
    const slow = new CountingWarehouse(warehouse, 20);
    const highWaterEvents = 300;
    const sink = wineShopSink(slow, {
      maxBatchEvents: 100,
      highWaterEvents,
      concurrency: 1,
      maxBatchAgeMs: 20,
    });
    let maxHeld = 0;
    const sample = () => {
      maxHeld = Math.max(maxHeld, sink.pending.events);
    };
    sink.on('flush', sample);
    sink.on('pressure', sample);
    const source = new KafkaSource({
      ...sourceOptions(kafka, newGroupId('pressure'), topic),
      maxRecordsPerWrite: 100,
    });
    const pauses: PauseInfo[] = [];
    const resumes: PauseInfo[] = [];
    source.on('source.pause', (info) => pauses.push(info));
    source.on('source.resume', (info) => resumes.push(info));
    source.on('source.batch_start', sample);
    source.on('source.batch_end', sample);

    await consumeAll(source, sink, ends);

    const pressurePauses = pauses.filter((p) => p.reason === 'pressure');
    expect(pressurePauses.length).toBeGreaterThan(0);
    expect(resumes.filter((r) => r.reason === 'pressure').length).toBeGreaterThan(0);
    for (const pause of pressurePauses) {
      expect(pause.partitions.map((p) => p.partition).sort()).toEqual([...ends.keys()].sort());
    }
    expect(maxHeld).toBeGreaterThan(0);
    expect(maxHeld).toBeLessThanOrEqual(highWaterEvents);
    expect(await rawCounts(warehouse)).toEqual({ rows: 2_000, distinct: 2_000 });
  });

  it('shares the partitions with a member that joins, stops committing revoked ones, and lands everything once', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'rebalance', 4);
    const ends = await ctx.produceEvents(topic, 2_000, 22);
    const groupId = newGroupId('rebalance');
    const options = {
      ...sourceOptions(kafka, groupId, topic),
      consumer: { maxWaitTimeInMs: 100, maxBytesPerPartition: 8_192 },
      maxRecordsPerWrite: 50,
    };
    const first = new KafkaSource(options);
    const second = new KafkaSource(options);
    const committed = trackCommits(first, second);
    const slow = new CountingWarehouse(warehouse, 10);

    const firstBatch = nextEvent<BatchEndInfo>(
      (l) => first.on('source.batch_end', l),
      (b) => b.written > 0,
    );
    const runFirst = first.run(wineShopSink(slow, { maxBatchEvents: 100 }));
    await firstBatch;
    const firstRevoked = nextEvent<RebalanceInfo>(
      (l) => first.on('source.rebalance', l),
      (r) => r.revoked.length > 0,
    );
    const secondAssigned = nextEvent<RebalanceInfo>(
      (l) => second.on('source.rebalance', l),
      (r) => r.assigned.length > 0,
    );
    const runSecond = second.run(wineShopSink(slow, { maxBatchEvents: 100 }));
    try {
      const [revoked, assigned] = await Promise.all([firstRevoked, secondAssigned]);
      // Eager rebalancing: the first member gives up what the second now owns.
      const key = (p: { topic: string; partition: number }) => `${p.topic}:${p.partition}`;
      expect(revoked.revoked.map(key)).toEqual(expect.arrayContaining(assigned.assigned.map(key)));
      await untilCommitted(committed, ends, [runFirst, runSecond]);
    } finally {
      await Promise.allSettled([first.stop(), second.stop()]);
    }
    await Promise.all([runFirst, runSecond]);

    expect(await rawCounts(warehouse)).toEqual({ rows: 2_000, distinct: 2_000 });
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
  });
});
