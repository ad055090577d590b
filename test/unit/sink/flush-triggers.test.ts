import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventId, orderEvent, orderEvents } from './support/events.js';
import { createHarness, metricValue } from './support/harness.js';

describe('BatchSink flush triggers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('flushes as soon as maxBatchEvents events are buffered, in chunks of at most that many', async () => {
    const h = createHarness({ maxBatchEvents: 4, maxBatchAgeMs: 3_600_000 });
    await h.sink.write(h.batch('a', orderEvents(0, 3)));
    expect(h.warehouse.calls).toEqual([]);
    await h.sink.write(h.batch('b', orderEvents(3, 6)));
    await vi.waitFor(() => expect(h.warehouse.calls.length).toBe(2));
    expect(h.warehouse.calls.map((ids) => ids.length)).toEqual([4, 4]);
    expect(h.warehouse.calls[0]).toEqual([0, 1, 2, 3].map(eventId));
    // The last event stays buffered until something else is due; flush() sends it.
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(9);
    expect(h.acked).toEqual(['a', 'b']);
  });

  it('flushes once buffered bytes reach maxBatchBytes', async () => {
    const size = orderEvents(0, 3).reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event)), 0);
    const h = createHarness({ maxBatchEvents: 1_000, maxBatchBytes: size, maxBatchAgeMs: 3_600_000 });
    await h.sink.write(h.batch('a', orderEvents(0, 2)));
    expect(h.warehouse.calls).toEqual([]);
    await h.sink.write(h.batch('b', orderEvents(2, 1)));
    await vi.waitFor(() => expect(h.warehouse.calls.length).toBe(1));
    expect(h.warehouse.calls[0]).toHaveLength(3);
  });

  it('flushes on age with no new record arriving, and acks the batch', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const h = createHarness({ maxBatchAgeMs: 1_000 });
    await h.sink.write(h.batch('quiet', orderEvents(0, 3)));
    await vi.advanceTimersByTimeAsync(999);
    expect(h.warehouse.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.warehouse.calls).toEqual([[0, 1, 2].map(eventId)]);
    await vi.waitFor(() => expect(h.acked).toEqual(['quiet']));
  });

  it.each([10, 11])(
    'flushes a lone record by age (%i ms) even when the clock moves on between two of its readings',
    async (maxBatchAgeMs) => {
      // A busy machine can tick the clock between two readings of it at the end of a stream: the sink
      // must still arm its timer, or the last rows wait (and their offsets stay uncommitted) for ever.
      let clock = 1_000_000;
      vi.spyOn(Date, 'now').mockImplementation(() => {
        clock += 1;
        return clock;
      });
      const h = createHarness({ maxBatchAgeMs });
      await h.sink.write(h.batch('last', orderEvents(0, 1)));
      await vi.waitFor(() => expect(h.acked).toEqual(['last']), { timeout: 2_000 });
      expect(h.warehouse.calls).toEqual([[eventId(0)]]);
    },
  );

  it('measures age from the oldest buffered event, not the latest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const h = createHarness({ maxBatchAgeMs: 1_000 });
    await h.sink.write(h.batch('first', orderEvents(0, 1)));
    await vi.advanceTimersByTimeAsync(600);
    await h.sink.write(h.batch('second', orderEvents(1, 1)));
    await vi.advanceTimersByTimeAsync(400);
    expect(h.warehouse.calls).toEqual([[eventId(0), eventId(1)]]);
  });

  it('drops a duplicate event_id in JS before the warehouse call, counts it, and still acks', async () => {
    const h = createHarness({ maxBatchEvents: 10 });
    await h.sink.write(h.batch('a', [orderEvent(1), orderEvent(2), orderEvent(1)]));
    await h.sink.write(h.batch('b', [orderEvent(2)]));
    await h.sink.flush();
    expect(h.warehouse.calls).toEqual([[eventId(1), eventId(2)]]);
    expect(h.acked).toEqual(['a', 'b']);
    expect(await metricValue(h.metrics, 'eventflake_events_skipped_duplicate_total', { stage: 'sink' })).toBe(
      2,
    );
    expect(await metricValue(h.metrics, 'eventflake_events_consumed_total')).toBe(4);
    expect(await metricValue(h.metrics, 'eventflake_events_inserted_total')).toBe(2);
  });

  it('lets the warehouse skip an event_id already in RAW and counts it as a duplicate', async () => {
    const h = createHarness();
    await h.sink.write(h.batch('a', orderEvents(0, 2)));
    await h.sink.flush();
    await h.sink.write(h.batch('replay', orderEvents(0, 2)));
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(2);
    expect(
      await metricValue(h.metrics, 'eventflake_events_skipped_duplicate_total', { stage: 'warehouse' }),
    ).toBe(2);
    expect(h.acked).toEqual(['a', 'replay']);
  });

  it('writes RAW rows with event_data as JSON text and lineage plus source in EVENT_METADATA', async () => {
    const h = createHarness();
    await h.sink.write(h.batch('a', [orderEvent(7)]));
    await h.sink.flush();
    const row = h.warehouse.stored.get(eventId(7));
    expect(row).toMatchObject({
      eventType: 'ORDER_CREATED',
      eventTimestamp: '2026-11-23T10:15:00.000Z',
      productId: 'PROD-008',
      customerId: 'CUST-00042',
    });
    expect(JSON.parse(row?.eventData ?? 'null')).toEqual(orderEvent(7).event_data);
    expect(JSON.parse(row?.eventMetadata ?? 'null')).toEqual({
      batch: 'a',
      index: 0,
      source: { producer: 'sink-test', schema_version: 1 },
    });
  });
});
