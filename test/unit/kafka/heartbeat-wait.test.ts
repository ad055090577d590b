import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awaitWithHeartbeats, HALTED } from '../../../src/kafka/heartbeat-wait.js';

describe('awaitWithHeartbeats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a heartbeat each interval while the work is pending, and none once it settled', async () => {
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const heartbeat = vi.fn(async () => {});
    const waiting = awaitWithHeartbeats(work, heartbeat, 1_000, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    finish('written');
    await expect(waiting).resolves.toBe('written');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('rejects with a heartbeat failure (a rebalance) without waiting for the work', async () => {
    const work = new Promise<void>(() => {});
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const waiting = awaitWithHeartbeats(
      work,
      async () => Promise.reject(rebalancing),
      1_000,
      new AbortController().signal,
    );
    const outcome = expect(waiting).rejects.toBe(rebalancing);
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
  });

  it('returns HALTED when halted, and a later failure of the work goes unreported', async () => {
    let fail: (error: Error) => void = () => {};
    const work = new Promise<void>((_, reject) => {
      fail = reject;
    });
    const halt = new AbortController();
    const waiting = awaitWithHeartbeats(work, async () => {}, 1_000, halt.signal);
    halt.abort();
    await expect(waiting).resolves.toBe(HALTED);
    fail(new Error('sink failed later'));
    await vi.advanceTimersByTimeAsync(10);
  });

  it('passes the rejection of the work through', async () => {
    const failure = new Error('sink closed');
    await expect(
      awaitWithHeartbeats(Promise.reject(failure), async () => {}, 1_000, new AbortController().signal),
    ).rejects.toBe(failure);
  });
});
