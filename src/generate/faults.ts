import { readInt, readObject, readProbability } from './options.js';
import { Random } from './random.js';

/** The defects a pipeline test injects and then expects the pipeline to catch. */
export type FaultKind = 'duplicate' | 'late' | 'malformed';

/** How a malformed payload is broken. */
export type MalformedVariant = 'truncated-json' | 'missing-field' | 'wrong-type';

/**
 * One item of a fault-injected stream. The tag lives on this wrapper, never inside the event, so the
 * JSON a pipeline validates is exactly what it would receive in production.
 */
export type FaultyItem<E> =
  | { readonly event: E; readonly raw?: undefined; readonly fault?: 'duplicate' | 'late' }
  | {
      readonly event?: undefined;
      readonly raw: string;
      readonly fault: 'malformed';
      readonly variant: MalformedVariant;
    };

/** Fault rates. Duplicates and malformed payloads are extra items; late events are reordered. */
export interface FaultOptions {
  /** Probability that a delivered event is delivered again (same object, same event_id) 0–8 items later. @default 0 */
  readonly duplicateRate?: number;
  /** Probability that an event is held back and delivered after later ones (original timestamp). @default 0 */
  readonly lateRate?: number;
  /** How many source events a late event is held behind. @default 20 */
  readonly lateByEvents?: number;
  /** Probability that a malformed payload (derived from the event, with a fresh id) is inserted after it. @default 0 */
  readonly malformedRate?: number;
  /** Seed of the fault draws, separate from the events' so faults do not change the events. @default 0 */
  readonly seed?: number;
}

/** What was injected: the counts a pipeline test compares against its DLQ and dedup figures. */
export interface FaultStats {
  /** Events read from the source. */
  sourceEvents: number;
  /** Items handed out (source events + duplicates + malformed). */
  delivered: number;
  duplicate: number;
  late: number;
  malformed: number;
  malformedByVariant: Record<MalformedVariant, number>;
}

interface Held<E> {
  readonly item: FaultyItem<E>;
  /** Source sequence number at which the item is released. */
  readonly releaseAt: number;
  /** Set for an event held back to arrive late: the event and its own source sequence number. */
  readonly late?: { readonly event: E; readonly sequence: number };
}

const VARIANTS: readonly MalformedVariant[] = ['truncated-json', 'missing-field', 'wrong-type'];
const REQUIRED_FIELDS = ['event_id', 'event_type', 'event_timestamp'];
const WRONG_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['event_timestamp', 'hier vers 18h'],
  ['event_data', 'corrompu'],
  ['event_id', 12345],
];

/**
 * Stateful core of fault injection: feed events one by one, collect what to deliver.
 *
 * @example
 * const injector = new FaultInjector({ duplicateRate: 0.01, seed: 3 });
 * const items = [...events.flatMap((event) => injector.push(event)), ...injector.flush()];
 */
export class FaultInjector<E extends object> {
  readonly stats: FaultStats = {
    sourceEvents: 0,
    delivered: 0,
    duplicate: 0,
    late: 0,
    malformed: 0,
    malformedByVariant: { 'truncated-json': 0, 'missing-field': 0, 'wrong-type': 0 },
  };
  readonly #random: Random;
  readonly #duplicateRate: number;
  readonly #lateRate: number;
  readonly #lateBy: number;
  readonly #malformedRate: number;
  #held: Held<E>[] = [];
  #highestDelivered = 0;

  constructor(options: FaultOptions = {}) {
    readObject('faults', options);
    this.#duplicateRate = readProbability('faults.duplicateRate', options.duplicateRate, 0);
    this.#lateRate = readProbability('faults.lateRate', options.lateRate, 0);
    this.#lateBy = readInt('faults.lateByEvents', options.lateByEvents, 20, 1, 1_000_000);
    this.#malformedRate = readProbability('faults.malformedRate', options.malformedRate, 0);
    this.#random = new Random(readInt('faults.seed', options.seed, 0, 0, 4_294_967_295), 7);
  }

  /** Take one source event; returns the items to deliver now, in order. */
  push(event: E): FaultyItem<E>[] {
    const sequence = ++this.stats.sourceEvents;
    const out = this.#release(sequence);
    const random = this.#random;
    if (random.chance(this.#lateRate)) {
      this.#held.push({ item: { event }, releaseAt: sequence + this.#lateBy, late: { event, sequence } });
    } else {
      this.#deliver(out, { event }, sequence);
      if (random.chance(this.#duplicateRate)) {
        this.#held.push({ item: { event, fault: 'duplicate' }, releaseAt: sequence + random.int(0, 8) });
      }
    }
    if (random.chance(this.#malformedRate)) this.#deliver(out, this.#malformed(event), 0);
    return out;
  }

  /** Deliver everything still held (end of the source). */
  flush(): FaultyItem<E>[] {
    return this.#release(Number.POSITIVE_INFINITY);
  }

  #release(sequence: number): FaultyItem<E>[] {
    const out: FaultyItem<E>[] = [];
    if (this.#held.length === 0) return out;
    const keep: Held<E>[] = [];
    for (const held of this.#held) {
      if (held.releaseAt > sequence) keep.push(held);
      else if (held.late === undefined) this.#deliver(out, held.item, 0);
      else {
        // Late only if something newer already went out; otherwise it is simply on time.
        const { event, sequence: own } = held.late;
        this.#deliver(out, this.#highestDelivered > own ? { event, fault: 'late' } : held.item, own);
      }
    }
    this.#held = keep;
    return out;
  }

  #deliver(out: FaultyItem<E>[], item: FaultyItem<E>, sequence: number): void {
    out.push(item);
    this.stats.delivered++;
    if (item.fault !== undefined) this.stats[item.fault]++;
    if (item.fault === 'malformed') this.stats.malformedByVariant[item.variant]++;
    if (sequence > this.#highestDelivered) this.#highestDelivered = sequence;
  }

  #malformed(event: E): FaultyItem<E> {
    const random = this.#random;
    const variant = random.pick(VARIANTS);
    // A fresh id keeps the broken copy from colliding with the valid event in a dedup step.
    const copy: Record<string, unknown> = { ...event, event_id: random.uuid() };
    if (variant === 'missing-field') delete copy[random.pick(REQUIRED_FIELDS)];
    if (variant === 'wrong-type') {
      const [field, value] = random.pick(WRONG_VALUES);
      copy[field] = value;
    }
    const json = JSON.stringify(copy);
    const raw =
      variant === 'truncated-json'
        ? json.slice(0, Math.floor(json.length * (0.2 + random.next() * 0.6)))
        : json;
    return { raw, fault: 'malformed', variant };
  }
}

/** A fault-injected stream with live counters. */
export type FaultStream<T> = T & { readonly stats: FaultStats };

/**
 * Wrap a finite source with faults. Sync sources give a sync iterable, async ones an async iterable;
 * `stats` fills in as items are read.
 *
 * @example
 * const faulty = injectFaults(generator.take(10_000), { duplicateRate: 0.01, malformedRate: 0.005, seed: 1 });
 * for (const item of faulty) send(serializeFaultyItem(item));
 * expect(dlq.size).toBe(faulty.stats.malformed);
 */
export function injectFaults<E extends object>(
  source: Iterable<E>,
  options?: FaultOptions,
): FaultStream<Iterable<FaultyItem<E>>>;
export function injectFaults<E extends object>(
  source: AsyncIterable<E>,
  options?: FaultOptions,
): FaultStream<AsyncIterable<FaultyItem<E>>>;
export function injectFaults<E extends object>(
  source: Iterable<E> | AsyncIterable<E>,
  options: FaultOptions = {},
): FaultStream<Iterable<FaultyItem<E>> | AsyncIterable<FaultyItem<E>>> {
  const injector = new FaultInjector<E>(options);
  if (Symbol.asyncIterator in source) {
    return {
      stats: injector.stats,
      async *[Symbol.asyncIterator]() {
        for await (const event of source) yield* injector.push(event);
        yield* injector.flush();
      },
    };
  }
  return {
    stats: injector.stats,
    *[Symbol.iterator]() {
      for (const event of source) yield* injector.push(event);
      yield* injector.flush();
    },
  };
}

/**
 * The text to put on the wire for one item: the event as JSON, or the malformed payload verbatim.
 *
 * @example
 * for (const item of injectFaults(events, { malformedRate: 0.01 })) producer.send(serializeFaultyItem(item));
 */
export function serializeFaultyItem<E>(item: FaultyItem<E>): string {
  return item.raw ?? JSON.stringify(item.event);
}
