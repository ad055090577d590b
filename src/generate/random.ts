import { uuidFromWords } from './ids.js';

const TWO_POW_32 = 4294967296;

/**
 * Small seeded PRNG (sfc32, seeded through splitmix32). Every random choice of a generator goes
 * through one of these so that a seed fixes the whole stream; it is not for anything secret.
 *
 * @example
 * const random = new Random(42);
 * random.int(1, 6); // same value on every run with seed 42
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed a whole number; `stream` derives independent sequences from one seed. */
  constructor(seed: number, stream = 0) {
    let state = (Math.floor(seed) ^ Math.imul(stream + 1, 0x9e3779b9) ^ Math.floor(seed / TWO_POW_32)) >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = splitmix();
    this.#b = splitmix();
    this.#c = splitmix();
    this.#d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Random.pick needs a non-empty list');
    return item;
  }

  /** An exponentially distributed value with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A version 4 shaped UUID drawn from this sequence (reproducible, unlike crypto.randomUUID). */
  uuid(): string {
    return uuidFromWords(this.uint32(), this.uint32(), this.uint32(), this.uint32());
  }

  /** An independent sequence derived from this one, so adding draws here does not shift it. */
  fork(): Random {
    return new Random(this.uint32(), this.uint32());
  }
}

/**
 * Picks among items with fixed weights; the cumulative table is built once so each draw is one
 * PRNG call and a short scan.
 *
 * @example
 * const channel = weighted(['E-com', 'Boutique'], [3, 1]);
 * channel(random); // 'E-com' about 75 % of the time
 */
export function weighted<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weighted() needs as many weights as items, at least one');
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  // The last bound is Infinity so float rounding in the running sum can never fall off the end.
  const table = items.map((item, i) => {
    running += (weights[i] ?? 0) / total;
    return { item, upTo: i === items.length - 1 ? Number.POSITIVE_INFINITY : running };
  });
  return (random) => {
    const draw = random.next();
    for (const entry of table) if (draw < entry.upTo) return entry.item;
    throw new RangeError('weighted() table is empty');
  };
}
