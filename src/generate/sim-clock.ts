import type { Random } from './random.js';

/**
 * The time a generated event claims to have happened. It starts at a fixed instant and advances by
 * seeded, exponentially distributed gaps (a Poisson arrival process), never by reading the wall
 * clock, so a seed reproduces timestamps exactly.
 *
 * @example
 * const clock = new SimulatedClock(Date.parse('2025-10-19T08:00:00Z'), 300_000, new Random(1));
 * clock.tick(); // => 1760860800000, the start itself
 * clock.tick(); // a few minutes later
 */
export class SimulatedClock {
  #ms: number;
  readonly #meanIntervalMs: number;
  readonly #random: Random;

  constructor(startMs: number, meanIntervalMs: number, random: Random) {
    this.#ms = Math.floor(startMs);
    this.#meanIntervalMs = meanIntervalMs;
    this.#random = random;
  }

  /** Milliseconds since the epoch of the next event. */
  get now(): number {
    return this.#ms;
  }

  /**
   * Return the time of the next event and move past it. Gaps are at least 1 ms so timestamps are
   * strictly increasing, which lets a test tell a late event from a tie.
   */
  tick(): number {
    const at = this.#ms;
    this.#ms += Math.max(1, Math.round(this.#random.exponential(this.#meanIntervalMs)));
    return at;
  }
}

const DAY_MS = 86_400_000;
// Beyond year 9999 toISOString switches to a six-digit signed year; those go the slow way.
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
let cachedDayStart = Number.NaN;
let cachedDayPrefix = '';

/**
 * ISO 8601 UTC with milliseconds, the envelope's timestamp format; equal to
 * `new Date(ms).toISOString()`. `Date#toISOString` costs about a microsecond, the largest share of
 * generating an event, so the date part is cached per day and only the time of day is formatted.
 *
 * @example
 * isoTimestamp(Date.UTC(2025, 9, 19, 8, 0, 0, 5)); // => '2025-10-19T08:00:00.005Z'
 */
export function isoTimestamp(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return new Date(ms).toISOString();
  let rest = ms % DAY_MS;
  const dayStart = ms - rest;
  if (dayStart !== cachedDayStart) {
    cachedDayStart = dayStart;
    cachedDayPrefix = new Date(dayStart).toISOString().slice(0, 11);
  }
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDayPrefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}
