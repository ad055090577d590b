import { describe, expect, it } from 'vitest';
import type { PressureInfo } from '../../../src/sink/sink-events.js';
import { orderEvent, orderEvents } from './support/events.js';
import { createHarness } from './support/harness.js';

describe('BatchSink backpressure', () => {
  it('makes write wait above the high-water mark and resumes once drained below the low-water mark', async () => {
    const h = createHarness({
      maxBatchEvents: 5,
      concurrency: 1,
      highWaterEvents: 10,
      lowWaterEvents: 4,
      maxBatchAgeMs: 3_600_000,
    });
    h.warehouse.holdCalls = true;
    const seen: PressureInfo[] = [];
    h.sink.on('pressure', (info) => seen.push(info));

    let written = false;
    const write = h.sink.write(h.batch('big', orderEvents(0, 12))).then(() => {
      written = true;
    });
    const [first] = await h.warehouse.heldCalls(1);
    expect(h.sink.pressure).toBe(true);
    expect(h.sink.pending.events).toBe(10);
    expect(written).toBe(false);

    // 10 held → 5 once the first chunk lands: still above the low-water mark of 4.
    first?.release();
    const [, second] = await h.warehouse.heldCalls(2);
    expect(written).toBe(false);
    expect(h.sink.pressure).toBe(true);

    second?.release();
    await write;
    expect(written).toBe(true);
    expect(seen.map((info) => info.active)).toEqual([true, false]);
    h.warehouse.holdCalls = false;
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(12);
    expect(h.acked).toEqual(['big']);
  });

  it('keeps memory bounded when the warehouse never completes, however much the source offers', async () => {
    const h = createHarness({
      maxBatchEvents: 100,
      concurrency: 2,
      highWaterEvents: 500,
      lowWaterEvents: 100,
    });
    h.warehouse.holdCalls = true;
    let offered = 0;
    const source = (async () => {
      for (let batch = 0; batch < 100; batch += 1) {
        await h.sink.write(h.batch(`b${batch}`, orderEvents(batch * 50, 50)));
        offered += 50;
      }
    })();
    await h.warehouse.heldCalls(2);
    // Let the source run as far as it can.
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(h.sink.pending.events).toBeLessThanOrEqual(500);
    expect(offered).toBeLessThanOrEqual(500);
    expect(h.warehouse.calls).toHaveLength(2);
    expect(h.acked).toEqual([]);
    // Unblock everything: the whole stream lands and every batch is acked once, in order.
    h.warehouse.holdCalls = false;
    for (const call of h.warehouse.held) call.release();
    await source;
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(5_000);
    expect(h.acked).toEqual(Array.from({ length: 100 }, (_, i) => `b${i}`));
  });

  it('counts bytes too: a few large events raise pressure before the event limit', async () => {
    const size = Buffer.byteLength(JSON.stringify(orderEvent(0)));
    const h = createHarness({ maxBatchEvents: 1_000, highWaterBytes: size * 3, highWaterEvents: 1_000 });
    h.warehouse.holdCalls = true;
    const write = h.sink.write(h.batch('a', orderEvents(0, 6)));
    await h.warehouse.heldCalls(1);
    expect(h.sink.pressure).toBe(true);
    expect(h.sink.pending.events).toBeLessThan(6);
    for (const call of h.warehouse.held) call.release();
    h.warehouse.holdCalls = false;
    await write;
    await h.sink.flush();
    expect(h.warehouse.stored.size).toBe(6);
  });

  it('onDrained resolves at once when there is no pressure', async () => {
    const h = createHarness();
    expect(h.sink.pressure).toBe(false);
    await expect(h.sink.onDrained()).resolves.toBeUndefined();
  });
});
