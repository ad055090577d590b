import { ConfigError } from '../errors.js';
import type { Threshold } from './types.js';

/** Limits the built-in checks compare against. Every field is optional; see the defaults. */
export interface CheckThresholds {
  /**
   * Age of the newest row of a layer (RAW, STAGING, PRODUCTION).
   * @default { warn: 60, fail: 1440 }
   */
  readonly freshnessMinutes?: Threshold;
  /**
   * Age of the oldest RAW event not yet in PRODUCTION (seed 000 alerts above 5 minutes).
   * @default { warn: 5, fail: 30 }
   */
  readonly latencyMinutes?: Threshold;
  /**
   * An event ingested more than this many minutes after it happened is late.
   * @default 5
   */
  readonly lateAfterMinutes?: number;
  /**
   * How many late events are tolerated.
   * @default { warn: 0 }
   */
  readonly lateEvents?: Threshold;
  /**
   * Rows ingested in this many last hours are reconciled and checked for missing fields; keep it under
   * STAGING's retention so retention deletes never look like losses.
   * @default 24
   */
  readonly windowHours?: number;
  /**
   * Task runs looked at for failures.
   * @default 1
   */
  readonly taskHistoryHours?: number;
  /**
   * A stream that goes stale within this many hours is a WARN (a stale one is a FAIL).
   * @default 24
   */
  readonly staleWithinHours?: number;
}

export type ResolvedThresholds = {
  readonly [K in keyof CheckThresholds]-?: NonNullable<CheckThresholds[K]>;
};

const DEFAULTS: ResolvedThresholds = {
  freshnessMinutes: { warn: 60, fail: 1440 },
  latencyMinutes: { warn: 5, fail: 30 },
  lateAfterMinutes: 5,
  lateEvents: { warn: 0 },
  windowHours: 24,
  taskHistoryHours: 1,
  staleWithinHours: 24,
};

/**
 * The thresholds with defaults filled in; throws ConfigError on a negative, fractional (for hours and
 * minutes counts) or inverted (warn above fail) value.
 *
 * @example
 * resolveThresholds({ latencyMinutes: { warn: 10, fail: 60 } }).windowHours; // 24
 */
export function resolveThresholds(input: CheckThresholds = {}): ResolvedThresholds {
  const merged = { ...DEFAULTS, ...input };
  for (const key of ['freshnessMinutes', 'latencyMinutes', 'lateEvents'] as const) {
    checkThreshold(`thresholds.${key}`, merged[key]);
  }
  for (const key of ['lateAfterMinutes', 'windowHours', 'taskHistoryHours', 'staleWithinHours'] as const) {
    const value = merged[key];
    if (!(Number.isSafeInteger(value) && value >= 1 && value <= 100_000)) {
      throw new ConfigError(`thresholds.${key}`, 'a whole number from 1 to 100000', value);
    }
  }
  return Object.freeze(merged);
}

function checkThreshold(field: string, threshold: Threshold): void {
  for (const level of ['warn', 'fail'] as const) {
    const value = threshold[level];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new ConfigError(`${field}.${level}`, 'a number from 0 and up', value);
    }
  }
  if (threshold.warn !== undefined && threshold.fail !== undefined && threshold.warn > threshold.fail) {
    throw new ConfigError(`${field}.warn`, `at most fail (${threshold.fail})`, threshold.warn);
  }
}
