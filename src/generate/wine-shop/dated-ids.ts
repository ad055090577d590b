import { ConfigError } from '../../errors.js';

/** The most ids one day holds: the wine-shop schemas allow six digits after the day. */
const MAX_PER_DAY = 999_999;

/** `2025-10-19T08:00:00.000Z` → `20251019`, the day part of order and adjustment ids. */
function compactDay(timestamp: string): string {
  return timestamp.slice(0, 4) + timestamp.slice(5, 7) + timestamp.slice(8, 10);
}

/**
 * Ids made of the day and the run's count, `ORD-20251019-000042` for the run's 42nd order. The count wraps
 * from 999,999 back to 000001, since the schemas allow six digits (a run-wide count once reached seven past
 * its millionth order, and the registry refused every later event). An id stays unique as long as no
 * simulated day holds more than 999,999 of them: the clock only moves forward, so one day's ids are a run
 * of consecutive counts. A day that would hold more is a clock set too fast for the schema, and throws.
 *
 * @example
 * const ids = new DatedIds('ORD-', 'orders');
 * ids.next('2025-10-19T08:00:00.000Z'); // => 'ORD-20251019-000001'
 * ids.next('2025-10-20T09:30:00.000Z'); // => 'ORD-20251020-000002'
 */
export class DatedIds {
  readonly #prefix: string;
  readonly #what: string;
  #count = 0;
  #day = '';
  #today = 0;

  constructor(prefix: string, what: string) {
    this.#prefix = prefix;
    this.#what = what;
  }

  /** Ids handed out so far in this run. */
  get issued(): number {
    return this.#count;
  }

  next(timestamp: string): string {
    const day = compactDay(timestamp);
    if (day !== this.#day) {
      this.#day = day;
      this.#today = 0;
    }
    this.#today += 1;
    if (this.#today > MAX_PER_DAY) {
      throw new ConfigError(
        'generator.meanIntervalMs',
        `long enough that one simulated day holds at most ${MAX_PER_DAY} ${this.#what} (${this.#prefix}<day>-<six digits>)`,
        `${this.#today} ${this.#what} on ${day}`,
      );
    }
    const number = (this.#count % MAX_PER_DAY) + 1;
    this.#count += 1;
    return `${this.#prefix}${day}-${String(number).padStart(6, '0')}`;
  }
}
