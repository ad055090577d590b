import { readInt } from '../generate/options.js';
import { type PaceOptions, pace } from '../generate/pacing.js';
import type { KafkaProducer } from './kafka-producer.js';
import type { ProducibleEvent } from './producer-options.js';

/** Options of {@link produce}: pacing (rate, count, duration, signal) plus batching. */
export interface ProduceOptions extends PaceOptions {
  /**
   * Events per `send`: a batch goes out once it holds this many…
   * @default 500
   */
  readonly batchSize?: number;
  /**
   * …or once its first event has waited this long, so a slow rate still delivers promptly.
   * @default 100
   */
  readonly lingerMs?: number;
  /** Topic to write to. @default the producer's */
  readonly topic?: string;
  /** Called after each acknowledged send, e.g. to report progress. */
  readonly onSent?: (progress: { readonly sent: number }) => void;
}

export interface ProduceResult {
  /** Events acknowledged by the broker. */
  readonly sent: number;
}

const LINGERED = Symbol('lingered');

/**
 * Drain an iterable of envelopes (a generator, a replay) into a topic at a rate, in batches; one send
 * is in flight while the next batch fills. Resolves once everything sent is acknowledged; an abort
 * (`signal`) ends the stream cleanly and still sends what was drawn.
 *
 * @example
 * await produce(producer, createGenerator(wineShop, { seed: 42 }), { rate: 200, count: 5_000 });
 */
export async function produce(
  producer: Pick<KafkaProducer, 'send'>,
  events: Iterable<ProducibleEvent> | AsyncIterable<ProducibleEvent>,
  options: ProduceOptions = {},
): Promise<ProduceResult> {
  const batchSize = readInt('produce.batchSize', options.batchSize, 500, 1, 1_000_000);
  const lingerMs = readInt('produce.lingerMs', options.lingerMs, 100, 0, 3_600_000);
  const iterator = pace(events, options, 'produce')[Symbol.asyncIterator]();
  const target = options.topic === undefined ? {} : { topic: options.topic };
  let buffer: ProducibleEvent[] = [];
  let firstAt = 0;
  let sent = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let next: Promise<IteratorResult<ProducibleEvent>> | undefined;

  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    // One send at a time keeps the topic in iteration order and bounds what is held in memory.
    await inFlight;
    inFlight = producer.send(batch, target).then(() => {
      sent += batch.length;
      options.onSent?.({ sent });
    });
    // Observed at the next flush; until then a rejection must not count as unhandled.
    inFlight.catch(() => undefined);
  };

  let finished = false;
  try {
    for (;;) {
      next ??= iterator.next();
      const step = buffer.length === 0 ? await next : await withLinger(next, firstAt + lingerMs - Date.now());
      if (step === LINGERED) {
        await flush();
        continue;
      }
      next = undefined;
      if (step.done) break;
      if (buffer.length === 0) firstAt = Date.now();
      buffer.push(step.value);
      if (buffer.length >= batchSize) await flush();
    }
    finished = true;
  } finally {
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
  await flush();
  await inFlight;
  return { sent };
}

function withLinger<T>(next: Promise<T>, ms: number): Promise<T | typeof LINGERED> {
  if (ms <= 0) return Promise.resolve(LINGERED);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(LINGERED), ms);
    next.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
