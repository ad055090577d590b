import { describe, expect, it } from 'vitest';
import { ProgressDisplay } from '../../../src/generate/index.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
}

describe('ProgressDisplay', () => {
  it('stays silent on a non-terminal stream', () => {
    const { writes, stream } = fakeStream(false);
    let now = 0;
    const progress = new ProgressDisplay({ stream, total: 10, now: () => now });
    for (let i = 0; i < 10; i++) {
      now += 1000;
      progress.tick();
    }
    progress.finish();
    expect(writes).toEqual([]);
    expect(progress.count).toBe(10);
  });

  it('redraws one terminal line at most every interval, with count, rate and ETA', () => {
    const { writes, stream } = fakeStream(true);
    let now = 0;
    const progress = new ProgressDisplay({ stream, total: 1000, intervalMs: 500, now: () => now });
    for (let i = 0; i < 100; i++) {
      now += 10;
      progress.tick(2);
    }
    // 1 s of ticks at 200 items/s: two redraws (at 500 and 1000 ms), not a hundred.
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe('\revents 200/1,000 (20.0 %) · 200/s · ETA 0:04\u001b[K');
    progress.finish();
    expect(writes.at(-1)).toBe('\n');
  });

  it('prints plain lines when forced on a non-terminal', () => {
    const { writes, stream } = fakeStream(false);
    let now = 0;
    const progress = new ProgressDisplay({ stream, force: true, label: 'rows', now: () => now });
    now = 2000;
    progress.tick(5000);
    expect(writes).toEqual(['rows 5,000 · 2,500/s\n']);
  });

  it('rejects a bad interval', () => {
    expect(() => new ProgressDisplay({ intervalMs: 0 })).toThrow(/`progress.intervalMs`/);
  });
});
