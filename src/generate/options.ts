import { randomInt } from 'node:crypto';
import { ConfigError } from '../errors.js';

// Naive times are rejected: parsed as local time they would differ between machines.
const HAS_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Largest seed accepted: seeds are 32-bit so the same number means the same stream everywhere. */
export const MAX_SEED = 4294967295;

/**
 * Read an optional whole number, falling back to a default; anything else throws a ConfigError
 * naming the field and the range.
 *
 * @example
 * readInt('catalogue.products', undefined, 50, 1, 999_999); // => 50
 */
export function readInt(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

/** Read an optional finite number in [min, max]. */
export function readNumber(
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(field, `a number from ${min} to ${max}`, value);
  }
  return value;
}

/** Read an optional probability in [0, 1]. */
export function readProbability(field: string, value: unknown, fallback: number): number {
  return readNumber(field, value, fallback, 0, 1);
}

/** Read an optional strictly positive finite number (rates, means); undefined stays undefined. */
export function readPositive(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(field, 'a finite number greater than 0', value);
  }
  return value;
}

/**
 * Read a seed; without one a random seed is drawn, so two unseeded runs do not produce the same
 * event ids (which a deduplicating pipeline would silently drop).
 */
export function readSeed(field: string, value: unknown): number {
  if (value === undefined) return randomInt(0, MAX_SEED);
  return readInt(field, value, 0, 0, MAX_SEED);
}

/** Read a point in time given as a Date, an ISO 8601 string with a zone, or epoch milliseconds. */
export function readTime(field: string, value: unknown, fallback: string): number {
  const input = value === undefined ? fallback : value;
  const ms =
    input instanceof Date
      ? input.getTime()
      : typeof input === 'number'
        ? input
        : typeof input === 'string' && HAS_ZONE.test(input)
          ? Date.parse(input)
          : Number.NaN;
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw new ConfigError(
      field,
      'a Date, an ISO 8601 string with a zone (Z or ±hh:mm) or epoch milliseconds',
      value,
    );
  }
  return ms;
}

/** True when `text` is an ISO 8601 date-time carrying an explicit zone (naive times are ambiguous). */
export function isZonedTimestamp(text: string): boolean {
  return HAS_ZONE.test(text) && !Number.isNaN(Date.parse(text));
}

/** Read an optional options object; anything but a plain object throws. */
export function readObject(field: string, value: unknown): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, 'an options object', value);
  }
  return value as Record<string, unknown>;
}

/** Read an optional boolean. */
export function readBoolean(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(field, 'true or false', value);
  return value;
}

/** Read an optional non-empty string. */
export function readString(field: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0)
    throw new ConfigError(field, 'a non-empty string', value);
  return value;
}
