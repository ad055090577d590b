import { describe, expect, it } from 'vitest';
import { EventflakeError } from '../../../src/errors.js';
import { wineShopRegistry } from '../../../src/events/index.js';
import { SinkFailedError, SourceAckError } from '../../../src/sink/errors.js';
import type { RetryEventInfo } from '../../../src/sink/sink-events.js';
import { orderEvent, orderEvents } from './support/events.js';
import { createHarness, metricValue } from './support/harness.js';

describe('BatchSink acks', () => {
  it('acks a batch only once its events are durable', async () => {
    const h = createHarness();
    h.warehouse.holdCalls = true;
    await h.sink.write(h.batch('a', orderEvents(0, 3)));
    const flushed = h.sink.flush();
    const [call] = await h.warehouse.heldCalls(1);
    expect(h.acked).toEqual([]);
    call?.release();
    await flushed;
    expect(h.acked).toEqual(['a']);
  });

  it('acks in write order even when a later flush completes first', async () => {
    const h = createHarness({ maxBatchEvents: 2, concurrency: 2 });
    h.warehouse.holdCalls = true;
    await h.sink.write(h.batch('first', orderEvents(0, 2)));
    await h.sink.write(h.batch('second', orderEvents(2, 2)));
    const [first, second] = await h.warehouse.heldCalls(2);
    second?.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.warehouse.stored.size).toBe(2);
    expect(h.acked).toEqual([]);
    first?.release();
    await h.sink.flush();
    expect(h.acked).toEqual(['first', 'second']);
  });

  it('acks a batch split across flushes once its last chunk lands', async () => {
    const h = createHarness({ maxBatchEvents: 2, concurrency: 2 });
    h.warehouse.holdCalls = true;
    await h.sink.write(h.batch('a', orderEvents(0, 4)));
    const [head, tail] = await h.warehouse.heldCalls(2);
    head?.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.acked).toEqual([]);
    tail?.release();
    await h.sink.flush();
    expect(h.acked).toEqual(['a']);
  });

  it('reports a failed ack as SourceAckError and goes on acking later batches', async () => {
    const h = createHarness();
    const errors: unknown[] = [];
    h.sink.on('error', (error) => errors.push(error));
    await h.sink.write({
      records: [{ value: JSON.stringify(orderEvent(1)), lineage: {} }],
      ack: async () => {
        throw new Error('rebalance in progress');
      },
    });
    await h.sink.write(h.batch('b', [orderEvent(2)]));
    await h.sink.flush();
    expect(h.acked).toEqual(['b']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SourceAckError);
  });

  it('keeps going when an instrumentation listener throws', async () => {
    const h = createHarness();
    h.sink.on('flush', () => {
      throw new Error('listener bug');
    });
    await h.sink.write(h.batch('a', orderEvents(0, 2)));
    await h.sink.flush();
    expect(h.acked).toEqual(['a']);
  });
});

describe('BatchSink with a broken parser', () => {
  it('stops and acks nothing when the registry throws mid-batch, rather than acking a half-admitted batch', async () => {
    let parsed = 0;
    const h = createHarness({
      registry: {
        parse: (input) => {
          parsed += 1;
          if (parsed === 2) throw new Error('parser bug');
          return wineShopRegistry.parse(input);
        },
      },
    });
    const failure = await h.sink.write(h.batch('a', orderEvents(0, 3))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SinkFailedError);
    expect((failure as Error).message).toContain('parser bug');
    await expect(h.sink.flush()).rejects.toBe(failure);
    expect(h.acked).toEqual([]);
  });
});

describe('BatchSink retries', () => {
  it('retries retriable warehouse failures, then lands the batch once', async () => {
    const h = createHarness();
    h.warehouse.retriableFailures = 2;
    const retries: RetryEventInfo[] = [];
    h.sink.on('retry', (info) => retries.push(info));
    await h.sink.write(h.batch('a', orderEvents(0, 5)));
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(5);
    expect(h.warehouse.calls).toHaveLength(3);
    expect(retries.map((r) => [r.operation, r.attempt])).toEqual([
      ['insert', 1],
      ['insert', 2],
    ]);
    expect(await metricValue(h.metrics, 'eventflake_retries_total', { operation: 'insert' })).toBe(2);
    expect(h.dlq.letters).toEqual([]);
    expect(h.acked).toEqual(['a']);
  });

  it('stops without acking once retries run out, and rejects later writes', async () => {
    const h = createHarness({ retry: { retries: 2, sleep: async () => {} } });
    h.warehouse.failAll = new EventflakeError('ERR_TEST_DOWN', 'warehouse unreachable', { retriable: true });
    const errors: unknown[] = [];
    h.sink.on('error', (error) => errors.push(error));
    await h.sink.write(h.batch('a', orderEvents(0, 3)));
    const failure = await h.sink.flush().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SinkFailedError);
    expect((failure as Error).message).toContain('warehouse unreachable');
    expect(errors).toEqual([failure]);
    expect(h.warehouse.calls).toHaveLength(3);
    expect(h.acked).toEqual([]);
    expect(h.dlq.letters).toEqual([]);
    await expect(h.sink.write(h.batch('b', orderEvents(3, 1)))).rejects.toBe(failure);
    await expect(h.sink.close()).rejects.toBe(failure);
  });
});
