import type { Readable } from 'node:stream';
import { ConfigError } from '../errors.js';
import { readPositive, readSeed, readTime } from './options.js';
import { type PaceOptions, pace } from './pacing.js';
import { Random } from './random.js';
import { SimulatedClock } from './sim-clock.js';
import { type ReadableOptions, toReadable } from './to-readable.js';

/** What a domain gets to build events: every random draw and every timestamp must come from here. */
export interface GeneratorContext {
  /** The seed the run was started with. */
  readonly seed: number;
  /** Seeded PRNG for the domain's choices. */
  readonly random: Random;
  /** Simulated event time (start time + seeded gaps); never the wall clock. */
  readonly clock: SimulatedClock;
}

/** The per-run state machine a domain returns: one envelope per call. */
export interface DomainGenerator<E> {
  next(): E;
  /** Counters for summaries and tests (events by type, restocks, injected faults...). */
  stats?(): Readonly<Record<string, number>>;
}

/**
 * A pluggable business domain. Option fields must all be optional and must not reuse the names of
 * {@link GeneratorOptions}.
 */
export interface GeneratorDomain<E = unknown, O extends object = object> {
  /** Lower-case name used by registries and the CLI, e.g. `wine-shop`. */
  readonly name: string;
  readonly description: string;
  /** Clock defaults that suit the domain's business pace. */
  readonly clockDefaults: { readonly startTime: string; readonly meanIntervalMs: number };
  create(context: GeneratorContext, options: Partial<O>): DomainGenerator<E>;
}

/** Options every domain accepts. */
export interface GeneratorOptions {
  /**
   * Fixes the whole stream: same seed and options, byte-identical events.
   * @default a random seed, readable afterwards as `generator.seed`
   */
  readonly seed?: number;
  /** Simulated time of the first event (Date, ISO 8601 with zone, or epoch ms). @default the domain's */
  readonly startTime?: Date | string | number;
  /** Mean simulated gap between events in ms (exponentially distributed). @default the domain's */
  readonly meanIntervalMs?: number;
}

const DOMAIN_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Declare a domain; checks the name and freezes the definition.
 *
 * @example
 * const clicks = defineDomain({
 *   name: 'clicks', description: 'page views',
 *   clockDefaults: { startTime: '2026-01-01T00:00:00Z', meanIntervalMs: 1000 },
 *   create: ({ random, clock }) => ({ next: () => ({ event_id: random.uuid(), at: clock.tick() }) }),
 * });
 */
export function defineDomain<E, O extends object = object>(
  domain: GeneratorDomain<E, O>,
): GeneratorDomain<E, O> {
  if (!DOMAIN_NAME.test(domain.name)) {
    throw new ConfigError(
      'domain.name',
      'lower-case letters, digits and dashes, starting with a letter',
      domain.name,
    );
  }
  return Object.freeze({ ...domain, clockDefaults: Object.freeze({ ...domain.clockDefaults }) });
}

/**
 * A seeded event source. Iterate it synchronously for the fastest path, or call `stream()` for a
 * paced, bounded async iterator, or `readable()` for a Node stream.
 *
 * @example
 * const generator = createGenerator(wineShop, { seed: 42 });
 * await new InProcessSource(generator.take(1000)).run(sink);
 * console.log(generator.stats()); // { orders: 7xx, adjustments: 2xx, ... }
 */
export class EventGenerator<E> implements Iterable<E> {
  readonly domain: string;
  readonly seed: number;
  readonly #inner: DomainGenerator<E>;

  constructor(domain: string, seed: number, inner: DomainGenerator<E>) {
    this.domain = domain;
    this.seed = seed;
    this.#inner = inner;
  }

  /** The next event. */
  next(): E {
    return this.#inner.next();
  }

  /** The next `count` events as an array. */
  take(count: number): E[] {
    const events: E[] = [];
    for (let i = 0; i < count; i++) events.push(this.#inner.next());
    return events;
  }

  /** An endless iterator; bound it yourself or use `stream({ count })`. */
  [Symbol.iterator](): Iterator<E> {
    const inner = this.#inner;
    return { next: () => ({ done: false, value: inner.next() }) };
  }

  /**
   * Paced, bounded async iteration.
   *
   * @example
   * for await (const event of generator.stream({ rate: 20, count: 1000 })) await send(event);
   */
  stream(options: PaceOptions = {}): AsyncGenerator<E, void, undefined> {
    return pace(this, options);
  }

  /** A Node Readable (object mode, or NDJSON text with `ndjson: true`) over `stream(options)`. */
  readable(options: PaceOptions & ReadableOptions<E> = {}): Readable {
    return toReadable(this.stream(options), options);
  }

  /** The domain's counters so far. */
  stats(): Readonly<Record<string, number>> {
    return this.#inner.stats?.() ?? {};
  }
}

/**
 * Start a generator for a domain.
 *
 * @example
 * const generator = createGenerator(wineShop, { seed: 42 });
 * const first = generator.next();
 */
export function createGenerator<E, O extends object>(
  domain: GeneratorDomain<E, O>,
  options: GeneratorOptions & Partial<O> = {},
): EventGenerator<E> {
  const seed = readSeed('generator.seed', options.seed);
  const startMs = readTime('generator.startTime', options.startTime, domain.clockDefaults.startTime);
  const meanMs =
    readPositive('generator.meanIntervalMs', options.meanIntervalMs) ?? domain.clockDefaults.meanIntervalMs;
  const root = new Random(seed);
  // Separate sequences: a domain that draws more per event does not shift the timestamps.
  const clock = new SimulatedClock(startMs, meanMs, new Random(seed, 1));
  const inner = domain.create({ seed, random: root, clock }, options);
  return new EventGenerator(domain.name, seed, inner);
}
