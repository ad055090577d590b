import { setImmediate as nextTurn, setTimeout as sleepFor } from 'node:timers/promises';
import { ConfigError } from '../errors.js';
import { readInt, readPositive } from './options.js';

/** Wall-clock time as pacing needs it: injectable, so tests drive it without real waiting. */
export interface PacingClock {
  /** Monotonic milliseconds (any origin). */
  now(): number;
  /** Resolve after `ms`, or as soon as `signal` aborts (resolving, not rejecting). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and a timer, never a busy wait. */
export const systemClock: PacingClock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    try {
      await sleepFor(ms, undefined, signal === undefined ? undefined : { signal });
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  },
};

/** How fast and how long a stream runs. */
export interface PaceOptions {
  /**
   * Events per second. Omit for as fast as the consumer pulls (no timer, no clock read per event).
   * @default unlimited
   */
  readonly rate?: number;
  /**
   * Token-bucket size: how many events may leave back to back after a quiet spell. Larger bursts
   * let high rates be reached with millisecond timers.
   * @default max(1, ceil(rate / 100)), i.e. 10 ms worth of events
   */
  readonly burst?: number;
  /** Stop after this many events. @default unbounded */
  readonly count?: number;
  /** Stop once this many milliseconds have passed on `clock`. @default unbounded */
  readonly durationMs?: number;
  /** Ends the stream cleanly (no error) when aborted. */
  readonly signal?: AbortSignal;
  /** Time source for `rate` and `durationMs`; inject a manual clock in tests. @default systemClock */
  readonly clock?: PacingClock;
}

const TOKEN_EPSILON = 1e-6;

interface Pace {
  readonly rate: number | undefined;
  readonly burst: number;
  readonly count: number;
  readonly durationMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly clock: PacingClock;
}

function readPace(options: PaceOptions, prefix: string): Pace {
  const rate = readPositive(`${prefix}.rate`, options.rate);
  const defaultBurst = rate === undefined ? 1 : Math.max(1, Math.ceil(rate / 100));
  const durationMs = readPositive(`${prefix}.durationMs`, options.durationMs);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new ConfigError(`${prefix}.signal`, 'an AbortSignal', options.signal);
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new ConfigError(`${prefix}.clock`, 'an object with now() and sleep(ms, signal)', clock);
  }
  return {
    rate,
    burst: readInt(`${prefix}.burst`, options.burst, defaultBurst, 1, 1_000_000_000),
    count: readInt(`${prefix}.count`, options.count, Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER),
    durationMs,
    signal: options.signal,
    clock,
  };
}

/**
 * Release items from `source` at a steady rate (token bucket, sleeping on a timer when empty) and
 * stop at a count, a duration or an abort. Items are pulled from `source` only when they may go out,
 * so a generator is never advanced past what was emitted.
 *
 * @example
 * for await (const event of pace(generator, { rate: 50, durationMs: 10_000 })) await producer.send(event);
 */
export function pace<T>(
  source: Iterable<T> | AsyncIterable<T>,
  options: PaceOptions = {},
  prefix = 'stream',
): AsyncGenerator<T, void, undefined> {
  // Validate now rather than on the first pull, so a bad option fails where it was written.
  return paced(source, readPace(options, prefix));
}

async function* paced<T>(
  source: Iterable<T> | AsyncIterable<T>,
  pace: Pace,
): AsyncGenerator<T, void, undefined> {
  const { rate, burst, count, durationMs, signal, clock } = pace;
  const timed = rate !== undefined || durationMs !== undefined;
  const start = timed ? clock.now() : 0;
  const deadline = durationMs === undefined ? Number.POSITIVE_INFINITY : start + durationMs;
  let tokens = burst;
  let refilledAt = start;
  const iterator =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  try {
    for (let emitted = 0; emitted < count; emitted++) {
      if (signal?.aborted) return;
      if (rate !== undefined) {
        let now = clock.now();
        tokens = Math.min(burst, tokens + ((now - refilledAt) * rate) / 1000);
        refilledAt = now;
        // The epsilon absorbs float error: without it a refill of 0.9999999 could ask for a sleep
        // too small to move a large clock value, forever.
        while (tokens < 1 - TOKEN_EPSILON) {
          const waitMs = ((1 - tokens) * 1000) / rate;
          if (now + waitMs >= deadline) {
            await clock.sleep(Math.max(0, deadline - now), signal);
            return;
          }
          await clock.sleep(waitMs, signal);
          if (signal?.aborted) return;
          now = clock.now();
          tokens = Math.min(burst, tokens + ((now - refilledAt) * rate) / 1000);
          refilledAt = now;
        }
        tokens = Math.max(0, tokens - 1);
      } else if ((emitted & 4095) === 4095) {
        // Without a rate nothing ever waits on a timer; hand the event loop a turn now and then so
        // signals, progress timers and I/O still run during a flat-out run.
        await nextTurn();
      }
      if (durationMs !== undefined && clock.now() >= deadline) return;
      const step = await iterator.next();
      if (step.done === true) return;
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
}
