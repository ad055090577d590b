import { ConfigError, EventflakeError } from '../errors.js';
import { isRetriable as defaultIsRetriable } from './is-retriable.js';

/** Options of {@link createRetry}. Delays grow as `minDelayMs × factor^(attempt − 1)`, capped, then jittered. */
export interface RetryOptions {
  /**
   * Tries after the first one. `Infinity` retries until the operation succeeds or is aborted.
   * @default 10
   */
  readonly retries?: number;
  /**
   * Delay before the first retry.
   * @default 200
   */
  readonly minDelayMs?: number;
  /**
   * Longest delay between two tries.
   * @default 30000
   */
  readonly maxDelayMs?: number;
  /**
   * How much each delay grows over the previous one.
   * @default 2
   */
  readonly factor?: number;
  /**
   * Random spread of each delay, as a fraction (0.2 = ±20 %), so many clients do not retry in step.
   * @default 0.2
   */
  readonly jitter?: number;
  /**
   * Which failures are worth another try.
   * @default isRetriable — `retriable: true` in the cause chain, or a network error code
   */
  readonly isRetriable?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to count retries or emit an event. */
  readonly onRetry?: (info: RetryInfo) => void;
  /**
   * How to wait. Tests inject an instant one; the default uses `setTimeout` and honours the signal.
   * @default sleep
   */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Source of randomness for the jitter, in [0, 1).
   * @default Math.random
   */
  readonly random?: () => number;
}

export interface RetryInfo {
  /** The retry about to happen: 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** Stops retrying from inside the operation: `bail(err)` makes the retry reject with `err` at once. */
export type Bail = (error: unknown) => never;

export type RetryFunction = <T>(
  operation: (bail: Bail, attempt: number) => Promise<T>,
  options?: { readonly signal?: AbortSignal },
) => Promise<T>;

/** A retriable operation failed on every try; `cause` is the last failure. */
export class RetriesExhaustedError extends EventflakeError {
  readonly attempts: number;

  constructor(attempts: number, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    // Retriable: the operation itself may work later, e.g. after a restart once the service is back.
    super('ERR_RETRIES_EXHAUSTED', `Gave up after ${attempts} tries: ${detail}`, { cause, retriable: true });
    this.attempts = attempts;
  }
}

const DEFAULTS = { retries: 10, minDelayMs: 200, maxDelayMs: 30_000, factor: 2, jitter: 0.2 };

class BailSignal {
  constructor(readonly error: unknown) {}
}

/**
 * Build a retrier with jittered exponential backoff, in the manner of kafkajs' `createRetry`.
 * Failures that are not retriable are rethrown at once; `bail(err)` stops early.
 *
 * @example
 * const retry = createRetry({ retries: 5, minDelayMs: 100 });
 * const rows = await retry(async (bail) => {
 *   try { return await warehouse.execute('SELECT 1'); }
 *   catch (err) { if (isFatal(err)) bail(err); throw err; }
 * });
 */
export function createRetry(options: RetryOptions = {}): RetryFunction {
  const config = { ...DEFAULTS, ...withoutUndefined(options) };
  validate(config);
  const isRetriable = options.isRetriable ?? defaultIsRetriable;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const bail: Bail = (error) => {
    throw new BailSignal(error);
  };

  return async (operation, callOptions = {}) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await operation(bail, attempt);
      } catch (caught) {
        if (caught instanceof BailSignal) throw caught.error;
        if (!isRetriable(caught)) throw caught;
        if (attempt >= config.retries) throw new RetriesExhaustedError(attempt + 1, caught);
        const delayMs = backoff(config, attempt + 1, random());
        options.onRetry?.({ attempt: attempt + 1, delayMs, error: caught });
        await wait(delayMs, callOptions.signal);
      }
    }
  };
}

/** The delay before retry number `attempt` (1-based), given a random draw in [0, 1). */
export function backoff(
  config: Pick<typeof DEFAULTS, 'minDelayMs' | 'maxDelayMs' | 'factor' | 'jitter'>,
  attempt: number,
  draw: number,
): number {
  const base = Math.min(config.maxDelayMs, config.minDelayMs * config.factor ** (attempt - 1));
  const spread = 1 - config.jitter + 2 * config.jitter * draw;
  return Math.round(Math.min(config.maxDelayMs, base * spread));
}

/**
 * Wait `ms`, or reject with the signal's reason once it aborts.
 *
 * @example
 * await sleep(250, AbortSignal.timeout(1000));
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function validate(config: typeof DEFAULTS): void {
  const { retries, minDelayMs, maxDelayMs, factor, jitter } = config;
  if (!(retries === Number.POSITIVE_INFINITY || (Number.isInteger(retries) && retries >= 0))) {
    throw new ConfigError('retry.retries', 'a whole number from 0 and up, or Infinity', retries);
  }
  if (!(Number.isFinite(minDelayMs) && minDelayMs >= 0)) {
    throw new ConfigError('retry.minDelayMs', 'a finite number from 0 and up', minDelayMs);
  }
  if (!(Number.isFinite(maxDelayMs) && maxDelayMs >= minDelayMs)) {
    throw new ConfigError(
      'retry.maxDelayMs',
      `a finite number from retry.minDelayMs (${minDelayMs}) and up`,
      maxDelayMs,
    );
  }
  if (!(Number.isFinite(factor) && factor >= 1)) {
    throw new ConfigError('retry.factor', 'a finite number from 1 and up', factor);
  }
  if (!(Number.isFinite(jitter) && jitter >= 0 && jitter <= 1)) {
    throw new ConfigError('retry.jitter', 'a number from 0 to 1', jitter);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
