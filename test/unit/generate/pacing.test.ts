import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createGenerator, dropshipping, pace, toReadable } from '../../../src/generate/index.js';
import { collect, manualClock } from './support.js';

/** Times (on the manual clock) at which each item came out. */
async function emissionTimes(source: Iterable<number>, options: Parameters<typeof pace>[1]) {
  const clock = options?.clock ?? manualClock();
  const times: number[] = [];
  for await (const _ of pace(source, { ...options, clock })) times.push(clock.now());
  return times;
}

const naturals = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('pace', () => {
  it('spaces events at the rate, sleeping between them', async () => {
    const clock = manualClock();
    expect(await emissionTimes(naturals(10), { rate: 10, burst: 1, count: 5, clock })).toEqual([
      0, 100, 200, 300, 400,
    ]);
    expect(clock.sleeps.every((ms) => ms > 0)).toBe(true);
  });

  it('lets a burst out at once, then keeps the rate', async () => {
    expect(await emissionTimes(naturals(10), { rate: 10, burst: 5, count: 8 })).toEqual([
      0, 0, 0, 0, 0, 100, 200, 300,
    ]);
  });

  it('defaults the burst to 10 ms worth of events, so high rates survive millisecond timers', async () => {
    const clock = manualClock();
    const times = await emissionTimes(naturals(5000), { rate: 100_000, count: 5000, clock });
    expect(times.filter((t) => t === 0)).toHaveLength(1000);
    expect(times.at(-1)).toBeCloseTo(40, 5);
  });

  it('does not spin: a handful of clock reads per event', async () => {
    const clock = manualClock();
    await emissionTimes(naturals(200), { rate: 5, burst: 1, count: 200, clock });
    expect(clock.reads.count).toBeLessThan(200 * 4);
    expect(clock.sleeps).toHaveLength(199);
  });

  it('stops at the duration, having waited it out', async () => {
    const clock = manualClock();
    const times = await emissionTimes(naturals(100), { rate: 10, burst: 1, durationMs: 1000, clock });
    expect(times).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(clock.now()).toBe(1000);
  });

  it('stops cleanly when aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const n of pace(naturals(100), {
      rate: 1000,
      signal: controller.signal,
      clock: manualClock(),
    })) {
      seen.push(n);
      if (n === 2) controller.abort();
    }
    expect(seen).toEqual([0, 1, 2]);
  });

  it('runs without a rate and never sleeps', async () => {
    const clock = manualClock();
    expect(await collect(pace(naturals(10_000), { clock }))).toHaveLength(10_000);
    expect(clock.sleeps).toEqual([]);
  });

  it('ends with a finite source and pulls no item it does not emit', async () => {
    let pulled = 0;
    function* counted() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    }
    expect(await collect(pace(naturals(3), {}))).toEqual([0, 1, 2]);
    expect(await collect(pace(counted(), { count: 7 }))).toHaveLength(7);
    expect(pulled).toBe(7);
  });

  it('rejects bad options when called, naming the field', () => {
    expect(() => pace([], { rate: 0 })).toThrow(ConfigError);
    expect(() => pace([], { rate: 0 })).toThrow(/`stream.rate`/);
    expect(() => pace([], { burst: 0 })).toThrow(/`stream.burst`/);
    expect(() => pace([], { count: -1 })).toThrow(/`stream.count`/);
    expect(() => pace([], { durationMs: Number.NaN })).toThrow(/`stream.durationMs`/);
  });
});

describe('generator streams', () => {
  it('streams a bounded, paced run of the same events as take()', async () => {
    const clock = manualClock();
    const streamed = await collect(
      createGenerator(dropshipping, { seed: 4 }).stream({ count: 20, rate: 50, clock }),
    );
    expect(streamed).toEqual(createGenerator(dropshipping, { seed: 4 }).take(20));
    expect(clock.now()).toBeCloseTo(19 * 20, 5);
  });

  it('continues where the last stream stopped', async () => {
    const generator = createGenerator(dropshipping, { seed: 4 });
    const first = await collect(generator.stream({ count: 5 }));
    const second = await collect(generator.stream({ count: 5 }));
    expect([...first, ...second]).toEqual(createGenerator(dropshipping, { seed: 4 }).take(10));
  });

  it('offers a Node Readable in object mode or as NDJSON', async () => {
    const objects = await collect(createGenerator(dropshipping, { seed: 2 }).readable({ count: 3 }));
    expect(objects.map((event) => event.event_type)).toEqual([
      'order_created',
      'order_created',
      'order_created',
    ]);
    const text = (
      await collect(createGenerator(dropshipping, { seed: 2 }).readable({ count: 3, ndjson: true }))
    ).join('');
    expect(text.split('\n')).toHaveLength(4);
    expect(
      text
        .split('\n')
        .slice(0, 3)
        .map((line) => JSON.parse(line)),
    ).toEqual(objects);
  });

  it('serializes with a custom function in NDJSON mode', async () => {
    const text = (await collect(toReadable([1, 2], { ndjson: true, serialize: (n) => `n=${n}` }))).join('');
    expect(text).toBe('n=1\nn=2\n');
  });
});
