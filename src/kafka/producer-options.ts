import type { Kafka, ProducerConfig } from 'kafkajs';
import { ConfigError } from '../errors.js';
import { readInt } from '../generate/options.js';
import { readKafkaSettings, readTopic, requireKafkaClient } from './option-checks.js';

/** What the producer sends: an envelope, or anything with at least these fields. */
export interface ProducibleEvent {
  readonly event_id: string;
  readonly event_type: string;
  readonly source?: { readonly schema_version?: number };
}

/** Envelope fields a message can be keyed by. */
export type KeyField = 'product_id' | 'customer_id' | 'event_id' | 'event_type';

/** Codecs kafkajs knows; all but gzip need a codec registered in kafkajs' `CompressionCodecs`. */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** Options of {@link KafkaProducer}. */
export interface KafkaProducerOptions {
  /** A kafkajs client, e.g. `new Kafka({ brokers })`; only `producer()` is used. */
  readonly kafka: Pick<Kafka, 'producer'>;
  /** Where `send` writes unless told otherwise, e.g. `'sales_events'`. */
  readonly topic: string;
  /**
   * What keys each message: records with one key land in one partition, in order. A field of the
   * envelope, or a function of the event (return null for no key: the partitioner spreads those).
   * @default 'product_id'
   */
  readonly key?: KeyField | ((event: ProducibleEvent) => string | null);
  /**
   * Compression of each produce request.
   * @default 'none'
   */
  readonly compression?: CompressionName;
  /**
   * Messages per produce request: `send` splits larger calls into requests of at most this many.
   * @default 1000
   */
  readonly maxBatchMessages?: number;
  /**
   * How long the broker may take to replicate and acknowledge one request.
   * @default 30000
   */
  readonly ackTimeoutMs?: number;
  /**
   * Other kafkajs producer settings (retry, metadataMaxAge…). Idempotence, acks and in-flight requests
   * are the producer's own.
   * @default {}
   */
  readonly producer?: Omit<ProducerConfig, 'idempotent' | 'maxInFlightRequests' | 'transactionalId'>;
}

export interface ResolvedProducerOptions {
  readonly topic: string;
  readonly keyOf: (event: ProducibleEvent) => string | null;
  readonly compression: CompressionName;
  readonly maxBatchMessages: number;
  readonly ackTimeoutMs: number;
  readonly producer: KafkaProducerOptions['producer'];
}

const KEY_FIELDS: readonly KeyField[] = ['product_id', 'customer_id', 'event_id', 'event_type'];
const COMPRESSIONS: readonly CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/**
 * Check every option, throwing a ConfigError naming the first bad one.
 *
 * @example
 * resolveProducerOptions({ kafka, topic: 'sales_events', key: 'wine' }); // throws: Expected `key` to be one of …
 */
export function resolveProducerOptions(options: KafkaProducerOptions): ResolvedProducerOptions {
  requireKafkaClient(options.kafka, 'producer');
  const compression = options.compression ?? 'none';
  if (!COMPRESSIONS.includes(compression)) {
    throw new ConfigError('compression', `one of ${COMPRESSIONS.join(', ')}`, compression);
  }
  const producer = readKafkaSettings('producer', options.producer, [
    'idempotent',
    'maxInFlightRequests',
    'transactionalId',
  ]);
  return {
    topic: readTopic('topic', options.topic),
    keyOf: readKey(options.key),
    compression,
    maxBatchMessages: readInt('maxBatchMessages', options.maxBatchMessages, 1_000, 1, 1_000_000),
    ackTimeoutMs: readInt('ackTimeoutMs', options.ackTimeoutMs, 30_000, 1, 3_600_000),
    producer,
  };
}

function readKey(key: KafkaProducerOptions['key']): (event: ProducibleEvent) => string | null {
  if (typeof key === 'function') return key;
  const field = key ?? 'product_id';
  if (!KEY_FIELDS.includes(field)) {
    throw new ConfigError('key', `one of ${KEY_FIELDS.join(', ')}, or a function of the event`, field);
  }
  return (event) => {
    const value: unknown = (event as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '' ? value : null;
  };
}
