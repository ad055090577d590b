import { ConfigError } from '../../errors.js';

/** The most ids one day holds: the wine-shop schemas allow six digits after the day. */
const MAX_PER_DAY = 999_999;

/** `2025-10-19T08:00:00.000Z` → `20251019`, the day part of order and adjustment ids. */
function compactDay(timestamp: string): string {
  return timestamp.slice(0, 4) + timestamp.slice(5, 7) + timestamp.slice(8, 10);
}

/**
 * Ids numbered within their day, as a shop numbers its orders: `ORD-20251019-000001` is the first order
 * of 19 October 2025. The simulated clock only moves forward, so a day never comes back and each id is
 * unique. A day with more ids than six digits hold is a clock set too fast for the schema, and throws
 * rather than write an id the registry would refuse (a run-wide count once did, past its millionth order).
 *
 * @example
 * const ids = new DailyIds('ORD-', 'orders');
 * ids.next('2025-10-19T08:00:00.000Z'); // => 'ORD-20251019-000001'
 * ids.next('2025-10-20T09:30:00.000Z'); // => 'ORD-20251020-000001'
 */
export class DailyIds {
  readonly #prefix: string;
  readonly #what: string;
  #day = '';
  #count = 0;

  constructor(prefix: string, what: string) {
    this.#prefix = prefix;
    this.#what = what;
  }

  next(timestamp: string): string {
    const day = compactDay(timestamp);
    if (day !== this.#day) {
      this.#day = day;
      this.#count = 0;
    }
    this.#count += 1;
    if (this.#count > MAX_PER_DAY) {
      throw new ConfigError(
        'generator.meanIntervalMs',
        `long enough that one simulated day holds at most ${MAX_PER_DAY} ${this.#what} (${this.#prefix}<day>-<six digits>)`,
        `${this.#count} ${this.#what} on ${day}`,
      );
    }
    return `${this.#prefix}${day}-${String(this.#count).padStart(6, '0')}`;
  }
}
