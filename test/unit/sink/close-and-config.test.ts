import { register as globalRegistry, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { wineShopRegistry } from '../../../src/events/index.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import { SinkClosedError, SinkCloseTimeoutError } from '../../../src/sink/errors.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import type { BatchSinkOptions } from '../../../src/sink/sink-options.js';
import { orderEvents } from './support/events.js';
import { FakeWarehouse } from './support/fake-warehouse.js';
import { createHarness } from './support/harness.js';

describe('BatchSink.close', () => {
  it('flushes what is buffered and resolves once every batch is acked', async () => {
    const h = createHarness({ maxBatchAgeMs: 3_600_000 });
    await h.sink.write(h.batch('a', orderEvents(0, 3)));
    await h.sink.write(h.batch('b', orderEvents(3, 3)));
    expect(h.warehouse.calls).toEqual([]);
    await h.sink.close();
    expect(h.warehouse.stored.size).toBe(6);
    expect(h.acked).toEqual(['a', 'b']);
  });

  it('refuses writes once closing has begun', async () => {
    const h = createHarness();
    const closed = h.sink.close();
    await expect(h.sink.write(h.batch('late', orderEvents(0, 1)))).rejects.toBeInstanceOf(SinkClosedError);
    await closed;
    expect(h.sink.close()).toBe(closed);
  });

  it('rejects after the deadline when the warehouse does not answer, and acks nothing afterwards', async () => {
    const h = createHarness();
    h.warehouse.holdCalls = true;
    await h.sink.write(h.batch('a', orderEvents(0, 2)));
    const failure = await h.sink.close({ deadlineMs: 20 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SinkCloseTimeoutError);
    expect(failure).toMatchObject({ code: 'ERR_SINK_CLOSE_TIMEOUT', unackedBatches: 1, pendingEvents: 2 });
    for (const call of await h.warehouse.heldCalls(1)) call.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.acked).toEqual([]);
  });
});

describe('BatchSink options', () => {
  const required = (): BatchSinkOptions => ({
    warehouse: new FakeWarehouse(),
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
  });

  it.each([
    [{ maxBatchEvents: 0 }, /Expected `maxBatchEvents` to be a whole number from 1 and up, got `0`/],
    [{ maxBatchBytes: 1.5 }, /`maxBatchBytes`/],
    [{ maxBatchAgeMs: -1 }, /`maxBatchAgeMs`/],
    [{ concurrency: Number.NaN }, /`concurrency`/],
    [{ highWaterEvents: 10, lowWaterEvents: 10 }, /`lowWaterEvents` to be a whole number from 0 to 9/],
    [{ highWaterBytes: 100, lowWaterBytes: 200 }, /`lowWaterBytes`/],
    [{ table: { schema: 'RAW_DATA', name: 'x; DROP TABLE y' } }, /`table`/],
    [{ deadLetterQueue: undefined }, /`deadLetterQueue` to be an object with a `write` method/],
    [{ registry: {} }, /`registry` to be an object with a `parse` method/],
    [{ retry: { retries: -2 } }, /`retry.retries`/],
  ])('rejects %o with a ConfigError naming the field', (override, message) => {
    const create = () => new BatchSink({ ...required(), ...override } as BatchSinkOptions);
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(message);
  });

  it('registers its metrics on the registry given, never on the global one', async () => {
    const registry = new Registry();
    new BatchSink({ ...required(), metricsRegistry: registry });
    new BatchSink({ ...required(), metricsRegistry: registry });
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name).sort();
    expect(names).toEqual([
      'eventflake_batch_size',
      'eventflake_buffered_bytes',
      'eventflake_buffered_events',
      'eventflake_event_size_bytes',
      'eventflake_events_consumed_total',
      'eventflake_events_dlq_total',
      'eventflake_events_inserted_total',
      'eventflake_events_skipped_duplicate_total',
      'eventflake_flush_duration_seconds',
      'eventflake_retries_total',
    ]);
    expect(globalRegistry.getSingleMetric('eventflake_events_consumed_total')).toBeUndefined();
  });
});
