import { describe, expect, it } from 'vitest';
import { EventflakeError } from '../../../src/errors.js';
import { wineShopRegistry } from '../../../src/events/index.js';
import type { RebalanceInfo } from '../../../src/kafka/instrumentation-events.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import type { KafkaSourceOptions } from '../../../src/kafka/source-options.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import type { BatchSinkOptions } from '../../../src/sink/sink-options.js';
import { orderEvent } from '../sink/support/events.js';
import { FakeWarehouse } from '../sink/support/fake-warehouse.js';
import { instantRetry } from '../sink/support/harness.js';
import { FakeConsumer } from './support/fake-consumer.js';

const T = 'sales_events';

function events(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify(orderEvent(from + i)));
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function until(what: string, condition: () => boolean): Promise<void> {
  for (let spins = 0; !condition(); spins += 1) {
    if (spins > 1_000) throw new Error(`never happened: ${what}`);
    await tick();
  }
}

function setup(options: Partial<KafkaSourceOptions> = {}, sinkOptions: Partial<BatchSinkOptions> = {}) {
  const consumer = new FakeConsumer();
  const warehouse = new FakeWarehouse();
  warehouse.holdCalls = true;
  const sink = new BatchSink({
    warehouse,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    retry: instantRetry,
    maxBatchEvents: 1_000,
    maxBatchAgeMs: 60_000,
    ...sinkOptions,
  });
  const source = new KafkaSource({ kafka: consumer.kafka, groupId: 'g', topics: [T], ...options });
  const running = source.run(sink);
  return { consumer, warehouse, sink, source, running };
}

/** Flush the sink without waiting for the acks (the warehouse holds each call until released). */
async function flushHeld(sink: BatchSink, warehouse: FakeWarehouse, calls: number): Promise<void> {
  const flushed = sink.flush();
  flushed.catch(() => undefined);
  const held = await warehouse.heldCalls(calls);
  for (const call of held) call.release();
  await flushed;
}

describe('KafkaSource with a scripted consumer', () => {
  it('commits last offset + 1 only once the sink made the records durable', async () => {
    const { consumer, warehouse, sink, source, running } = setup();
    await tick();
    consumer.join('m1', { [T]: [0] });
    await consumer.deliver(T, 0, 0, events(0, 5));
    expect(consumer.resolved).toEqual([`${T}[0]@4`]);
    expect(consumer.commits()).toEqual([]);

    await flushHeld(sink, warehouse, 1);
    await until('a commit', () => consumer.commits().length > 0);
    expect(consumer.commits()).toEqual([[{ topic: T, partition: 0, offset: '5' }]]);
    await source.stop();
    await running;
    expect(consumer.calls.at(-1)).toEqual({ kind: 'disconnect' });
  });

  it('drops the acks of a partition the group took away, and still commits the partitions it kept', async () => {
    const { consumer, warehouse, sink, source, running } = setup();
    const rebalances: RebalanceInfo[] = [];
    source.on('source.rebalance', (info) => rebalances.push(info));
    await tick();
    consumer.join('m1', { [T]: [0, 1] });
    await consumer.deliver(T, 0, 10, events(0, 3));
    await consumer.deliver(T, 1, 20, events(3, 2));
    consumer.join('m1', { [T]: [1] });
    expect(rebalances.at(-1)).toMatchObject({
      revoked: [{ topic: T, partition: 0 }],
      kept: [{ topic: T, partition: 1 }],
      droppedBatches: 1,
    });

    await flushHeld(sink, warehouse, 1);
    await until('a commit', () => consumer.commits().length > 0);
    await source.stop();
    await running;
    expect(consumer.commits().flat()).toEqual([{ topic: T, partition: 1, offset: '22' }]);
    // The records of the revoked partition did land: the new owner's redelivery is absorbed by EVENT_ID.
    expect(warehouse.stored.size).toBe(5);
  });

  it('pauses every owned partition while the sink is under pressure and resumes once it drained', async () => {
    const { consumer, warehouse, source, running } = setup(
      { maxRecordsPerWrite: 2 },
      { maxBatchEvents: 2, highWaterEvents: 4, concurrency: 1 },
    );
    await tick();
    consumer.join('m1', { [T]: [0, 1] });
    const delivering = consumer.deliver(T, 0, 0, events(0, 8));
    await until('a pause', () => consumer.calls.some((c) => c.kind === 'pause'));
    expect(consumer.calls.find((c) => c.kind === 'pause')).toEqual({
      kind: 'pause',
      partitions: [{ topic: T, partitions: [0, 1] }],
    });
    warehouse.holdCalls = false;
    for (const call of warehouse.held) call.release();
    await delivering;
    await until('a resume', () => consumer.calls.some((c) => c.kind === 'resume'));
    await source.stop();
    await running;
    expect(warehouse.stored.size).toBe(8);
    expect(consumer.heartbeats).toBeGreaterThan(0);
  });

  it('stops in order: stop fetching, flush, commit, then leave', async () => {
    const { consumer, warehouse, source, running } = setup();
    await tick();
    consumer.join('m1', { [T]: [0] });
    await consumer.deliver(T, 0, 0, events(0, 3));
    const stopping = source.stop();
    await warehouse.heldCalls(1);
    for (const call of warehouse.held) call.release();
    await stopping;
    await running;
    expect(consumer.calls.map((c) => c.kind)).toEqual(['pause', 'commit', 'disconnect']);
  });

  it('rejects run with the sink failure after committing what was durable before it', async () => {
    const { consumer, warehouse, sink, running } = setup();
    await tick();
    consumer.join('m1', { [T]: [0] });
    await consumer.deliver(T, 0, 0, events(0, 2));
    await flushHeld(sink, warehouse, 1);
    await until('a commit', () => consumer.commits().length > 0);
    await consumer.deliver(T, 0, 2, events(2, 2));
    warehouse.holdCalls = false;
    warehouse.failAll = new EventflakeError('ERR_TEST_DOWN', 'warehouse unreachable', { retriable: true });
    await sink.flush().catch(() => undefined);
    await expect(running).rejects.toMatchObject({ code: 'ERR_SINK_FAILED' });
    expect(consumer.commits()).toEqual([[{ topic: T, partition: 0, offset: '2' }]]);
  });

  it('rejects run with KafkaSourceCrashedError when kafkajs will not restart', async () => {
    const { consumer, running } = setup();
    await tick();
    consumer.join('m1', { [T]: [0] });
    consumer.crash(new Error('SASL authentication failed'), false);
    await expect(running).rejects.toMatchObject({ code: 'ERR_KAFKA_SOURCE_CRASHED' });
  });

  it('gives up a stop that outlasts its deadline, leaves the group, and rejects with the timeout', async () => {
    const { consumer, warehouse, running, source } = setup({ shutdownDeadlineMs: 50 });
    await tick();
    consumer.join('m1', { [T]: [0] });
    await consumer.deliver(T, 0, 0, events(0, 2));
    await expect(source.stop()).rejects.toMatchObject({ code: 'ERR_KAFKA_STOP_TIMEOUT' });
    await expect(running).rejects.toMatchObject({ code: 'ERR_KAFKA_STOP_TIMEOUT' });
    expect(consumer.commits()).toEqual([]);
    expect(consumer.calls.at(-1)).toEqual({ kind: 'disconnect' });
    for (const call of await warehouse.heldCalls(1)) call.release();
  });

  it('refuses a second run while running', async () => {
    const { source, running } = setup();
    await expect(source.run({ write: async () => {}, flush: async () => {} })).rejects.toMatchObject({
      code: 'ERR_KAFKA_SOURCE_RUNNING',
    });
    await source.stop();
    await running;
  });
});
