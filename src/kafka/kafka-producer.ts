import type { Message, Producer, RecordMetadata } from 'kafkajs';
import { ConfigError } from '../errors.js';
import { KafkaProduceError, UnsendableEventError } from './errors.js';
import { readTopic } from './option-checks.js';
import {
  type CompressionName,
  type KafkaProducerOptions,
  type ProducibleEvent,
  type ResolvedProducerOptions,
  resolveProducerOptions,
} from './producer-options.js';

/** Header carrying the event's `event_type`, so consumers can route without parsing the value. */
export const EVENT_TYPE_HEADER = 'event_type';
/** Header carrying the envelope's `source.schema_version`, as text. */
export const SCHEMA_VERSION_HEADER = 'schema_version';
/** Header carrying the event's `event_id`. */
export const EVENT_ID_HEADER = 'event_id';

// kafkajs' CompressionTypes, spelled out so importing eventflake does not load kafkajs.
const COMPRESSION_CODES: Readonly<Record<CompressionName, number>> = {
  none: 0,
  gzip: 1,
  snappy: 2,
  lz4: 3,
  zstd: 4,
};

/** What one `send` call did: every message is acknowledged by all in-sync replicas. */
export interface SendResult {
  readonly messages: number;
  /** One entry per partition and request, as kafkajs reports them (base offsets). */
  readonly partitions: readonly RecordMetadata[];
}

/**
 * Sends events as JSON to Kafka through an idempotent kafkajs producer (acks from all in-sync replicas,
 * one request in flight, so retries neither duplicate nor reorder). Each message is keyed by a chosen
 * field (`product_id` by default) and carries the event type, schema version and id in headers.
 *
 * @example
 * const producer = new KafkaProducer({ kafka: new Kafka({ brokers: ['127.0.0.1:9092'] }), topic: 'sales_events' });
 * await producer.connect();
 * await producer.send(createGenerator(wineShop, { seed: 42 }).take(100)); // resolves once acknowledged
 * await producer.disconnect();
 */
export class KafkaProducer {
  readonly #options: ResolvedProducerOptions;
  readonly #kafka: KafkaProducerOptions['kafka'];
  #connecting: Promise<Producer> | undefined;

  constructor(options: KafkaProducerOptions) {
    this.#options = resolveProducerOptions(options);
    this.#kafka = options.kafka;
  }

  /** The default topic. */
  get topic(): string {
    return this.#options.topic;
  }

  /** Connect; `send` connects by itself when needed. Rejects with ConfigError if the codec is missing. */
  async connect(): Promise<void> {
    await this.#connected();
  }

  /**
   * Send events (in requests of at most `maxBatchMessages`) and resolve once the broker acknowledged
   * every one. Rejects with {@link UnsendableEventError} before sending anything if an event is malformed,
   * or with {@link KafkaProduceError}; the requests before the failing one were acknowledged.
   *
   * @example
   * const { messages } = await producer.send(events, { topic: 'sales_events.replay' });
   */
  async send(
    events: Iterable<ProducibleEvent>,
    options: { readonly topic?: string } = {},
  ): Promise<SendResult> {
    const topic = options.topic === undefined ? this.#options.topic : readTopic('topic', options.topic);
    const messages = Array.from(events, (event, index) => toMessage(event, index, this.#options.keyOf));
    return this.sendMessages(topic, messages);
  }

  /**
   * Send ready-made messages (key, value, headers as kafkajs takes them) with the same guarantees as
   * `send`: for dead letters, replays of raw records, or tests.
   *
   * @example
   * await producer.sendMessages('sales_events.dlq', [{ key: null, value: Buffer.from([0xff]), headers: {} }]);
   */
  async sendMessages(topic: string, messages: readonly Message[]): Promise<SendResult> {
    readTopic('topic', topic);
    if (messages.length === 0) return { messages: 0, partitions: [] };
    const producer = await this.#connected();
    const { maxBatchMessages, ackTimeoutMs, compression } = this.#options;
    const partitions: RecordMetadata[] = [];
    for (let start = 0; start < messages.length; start += maxBatchMessages) {
      const slice = messages.slice(start, start + maxBatchMessages);
      try {
        const metadata = await producer.send({
          topic,
          messages: slice,
          acks: -1,
          timeout: ackTimeoutMs,
          compression: COMPRESSION_CODES[compression],
        });
        for (const entry of metadata) partitions.push(entry);
      } catch (error) {
        throw new KafkaProduceError(slice.length, error);
      }
    }
    return { messages: messages.length, partitions };
  }

  /** Disconnect once the requests in flight are answered. */
  async disconnect(): Promise<void> {
    const connecting = this.#connecting;
    this.#connecting = undefined;
    if (connecting) await (await connecting.catch(() => undefined))?.disconnect();
  }

  #connected(): Promise<Producer> {
    this.#connecting ??= this.#connect().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #connect(): Promise<Producer> {
    await requireCodec(this.#options.compression);
    const producer = this.#kafka.producer({
      ...this.#options.producer,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    return producer;
  }
}

/**
 * One event as a Kafka message: JSON value, key, and the type/version/id headers.
 *
 * @example
 * toMessage(event, 0, (e) => e.event_id); // => { key, value: '{"event_id":…}', headers: { event_type: 'ORDER_CREATED', … } }
 */
export function toMessage(
  event: ProducibleEvent,
  index: number,
  keyOf: (event: ProducibleEvent) => string | null,
): Message {
  if (typeof event !== 'object' || event === null) throw new UnsendableEventError(index, 'not an object');
  const { event_id: eventId, event_type: eventType } = event;
  if (typeof eventId !== 'string' || typeof eventType !== 'string') {
    throw new UnsendableEventError(index, 'it lacks a string `event_id` or `event_type`');
  }
  let value: string;
  try {
    value = JSON.stringify(event);
  } catch (error) {
    throw new UnsendableEventError(index, `it cannot be serialized to JSON (${(error as Error).name})`);
  }
  const headers: Record<string, string> = { [EVENT_TYPE_HEADER]: eventType, [EVENT_ID_HEADER]: eventId };
  const version = event.source?.schema_version;
  if (typeof version === 'number') headers[SCHEMA_VERSION_HEADER] = String(version);
  return { key: keyOf(event), value, headers };
}

async function requireCodec(compression: CompressionName): Promise<void> {
  if (compression === 'none' || compression === 'gzip') return;
  const { CompressionCodecs } = await import('kafkajs');
  const code = COMPRESSION_CODES[compression] as keyof typeof CompressionCodecs;
  try {
    // kafkajs' placeholder for a codec nobody registered throws when asked for it.
    CompressionCodecs[code]();
  } catch {
    throw new ConfigError(
      'compression',
      `a codec kafkajs can use: register one in kafkajs' CompressionCodecs before choosing '${compression}'`,
      compression,
    );
  }
}
