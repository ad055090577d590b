import { ConfigError } from '../errors.js';
import type { BatchWriter, Source, SourceRecord } from './source.js';

/** Progress reported once a batch is durable. */
export interface InProcessAck {
  /** Items read from the iterable so far that are now durable, counting from 1. */
  readonly through: number;
  readonly records: number;
}

/** Options of {@link InProcessSource}. */
export interface InProcessSourceOptions {
  /**
   * Records per batch handed to the sink.
   * @default 500
   */
  readonly batchSize?: number;
  /**
   * Named in each record's lineage (`{ origin, sequence }`), e.g. the demo's name or a file name.
   * @default 'in-process'
   */
  readonly origin?: string;
  /** Called, in order, once each batch is durable. */
  readonly onAck?: (ack: InProcessAck) => void | Promise<void>;
}

/** What an in-process source accepts: envelopes or any objects (sent as JSON), JSON text, or bytes. */
export type InProcessItem = object | string | Uint8Array;

/**
 * A source fed from an iterable or async iterable, in batches: for local mode, the demo and tests, when
 * no broker is configured. There is no redelivery, so `run` rejects if the sink fails.
 *
 * @example
 * const source = new InProcessSource(createGenerator(wineShop, { seed: 1 }).take(10_000), { batchSize: 1_000 });
 * await source.run(sink);
 * await sink.close();
 */
export class InProcessSource implements Source {
  readonly #items: Iterable<InProcessItem> | AsyncIterable<InProcessItem>;
  readonly #batchSize: number;
  readonly #origin: string;
  readonly #onAck: InProcessSourceOptions['onAck'];

  constructor(
    items: Iterable<InProcessItem> | AsyncIterable<InProcessItem>,
    options: InProcessSourceOptions = {},
  ) {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ConfigError('batchSize', 'a whole number from 1 and up', batchSize);
    }
    this.#items = items;
    this.#batchSize = batchSize;
    this.#origin = options.origin ?? 'in-process';
    this.#onAck = options.onAck;
  }

  /**
   * Write every item into the sink, then wait until all of it is acknowledged. On abort, stops reading,
   * writes what it already read, and resolves once that is acknowledged.
   */
  async run(sink: BatchWriter, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    let records: SourceRecord[] = [];
    let sequence = 0;
    const send = async () => {
      if (records.length === 0) return;
      const batch = records;
      records = [];
      const through = sequence;
      await sink.write({
        records: batch,
        ack: async () => {
          await this.#onAck?.({ through, records: batch.length });
        },
      });
    };
    const push = (item: InProcessItem) => {
      sequence += 1;
      records.push({ value: toValue(item), lineage: { origin: this.#origin, sequence } });
    };
    const iterator = toAsyncIterator(this.#items);
    const aborted = signal === undefined ? undefined : whenAborted(signal);
    for (;;) {
      const next = iterator.next();
      let step = await (aborted === undefined ? next : Promise.race([next, aborted]));
      if (step === ABORTED) {
        // An item already produced is written rather than lost; a next() still pending may never settle
        // (a live feed waiting for events), so it is not waited for.
        step = await Promise.race([next, afterPendingCallbacks()]);
        if (step !== ABORTED && !step.done) push(step.value);
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
        break;
      }
      if (step.done) break;
      push(step.value);
      if (records.length >= this.#batchSize) await send();
      if (signal?.aborted) {
        await iterator.return?.();
        break;
      }
    }
    await send();
    await sink.flush();
  }
}

const ABORTED = Symbol('aborted');

function whenAborted(signal: AbortSignal): Promise<typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(ABORTED), { once: true }));
}

/** Resolves after every callback of already-settled promises has run. */
function afterPendingCallbacks(): Promise<typeof ABORTED> {
  return new Promise((resolve) => setImmediate(() => resolve(ABORTED)));
}

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return {
    next: async () => sync.next(),
    return: async (value?: unknown) => sync.return?.(value) ?? { done: true, value: undefined },
  };
}

function toValue(item: InProcessItem): string | Uint8Array {
  if (typeof item === 'string' || item instanceof Uint8Array) return item;
  try {
    return JSON.stringify(item) ?? String(item);
  } catch {
    // Circular or bigint-holding objects: the sink dead-letters the text as invalid JSON, with its lineage.
    return String(item);
  }
}
