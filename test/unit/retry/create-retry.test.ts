import { describe, expect, it } from 'vitest';
import { ConfigError, EventflakeError } from '../../../src/errors.js';
import { backoff, createRetry, RetriesExhaustedError, type RetryInfo } from '../../../src/retry/index.js';

const blip = () => new EventflakeError('ERR_BLIP', 'try again', { retriable: true });
const fatal = () => new EventflakeError('ERR_FATAL', 'never works', { retriable: false });

describe('createRetry', () => {
  it('retries retriable failures with growing delays, then returns the result', async () => {
    const waits: number[] = [];
    const retry = createRetry({
      minDelayMs: 100,
      factor: 2,
      jitter: 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    let calls = 0;
    const result = await retry(async (_bail, attempt) => {
      calls += 1;
      if (attempt < 3) throw blip();
      return 'landed';
    });
    expect(result).toBe('landed');
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('rethrows a non-retriable failure at once', async () => {
    let calls = 0;
    const retry = createRetry({ sleep: async () => {} });
    const error = fatal();
    await expect(
      retry(async () => {
        calls += 1;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it('never retries a TypeError, even wrapped in a retriable error', async () => {
    let calls = 0;
    const retry = createRetry({ sleep: async () => {} });
    await expect(
      retry(async () => {
        calls += 1;
        throw new TypeError('x is undefined');
      }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it('stops when the operation bails, with the error it bailed with', async () => {
    let calls = 0;
    const retry = createRetry({ sleep: async () => {} });
    const reason = new Error('stop here');
    await expect(
      retry(async (bail) => {
        calls += 1;
        if (calls === 2) bail(reason);
        throw blip();
      }),
    ).rejects.toBe(reason);
    expect(calls).toBe(2);
  });

  it('gives up after `retries` retries with RetriesExhaustedError carrying the last failure', async () => {
    const seen: RetryInfo[] = [];
    const retry = createRetry({ retries: 2, sleep: async () => {}, onRetry: (info) => seen.push(info) });
    const last = blip();
    const failure = await retry(async (_bail, attempt) => {
      throw attempt === 2 ? last : blip();
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RetriesExhaustedError);
    expect((failure as RetriesExhaustedError).attempts).toBe(3);
    expect((failure as RetriesExhaustedError).cause).toBe(last);
    expect((failure as RetriesExhaustedError).code).toBe('ERR_RETRIES_EXHAUSTED');
    expect(seen.map((info) => info.attempt)).toEqual([1, 2]);
  });

  it('rejects with the abort reason when aborted while waiting', async () => {
    const controller = new AbortController();
    const retry = createRetry({ minDelayMs: 60_000, maxDelayMs: 60_000 });
    const pending = retry(
      async () => {
        throw blip();
      },
      { signal: controller.signal },
    );
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('names the bad option in a ConfigError', () => {
    expect(() => createRetry({ retries: -1 })).toThrow(ConfigError);
    expect(() => createRetry({ retries: 1.5 })).toThrow(/`retry.retries`/);
    expect(() => createRetry({ minDelayMs: 500, maxDelayMs: 100 })).toThrow(/`retry.maxDelayMs`/);
    expect(() => createRetry({ factor: 0.5 })).toThrow(/`retry.factor`/);
    expect(() => createRetry({ jitter: 2 })).toThrow(/`retry.jitter` to be a number from 0 to 1, got `2`/);
    expect(() => createRetry({ retries: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe('backoff', () => {
  const config = { minDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0.2 };

  it('doubles from the minimum and stops at the maximum', () => {
    const noJitter = { ...config, jitter: 0 };
    expect([1, 2, 3, 4, 5, 10].map((attempt) => backoff(noJitter, attempt, 0.5))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads each delay by at most the jitter fraction, never past the maximum', () => {
    expect(backoff(config, 3, 0)).toBe(320);
    expect(backoff(config, 3, 0.999_999)).toBe(480);
    expect(backoff(config, 10, 0.999_999)).toBe(1_000);
  });
});
