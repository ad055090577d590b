import type { IHeaders, Message } from 'kafkajs';
import type { DeadLetter, DeadLetterQueue } from '../sink/dead-letter.js';
import type { KafkaProducer } from './kafka-producer.js';
import { readTopic } from './option-checks.js';

/** Prefix of the context headers on each dead letter, after Kafka Connect's `__connect.errors.`. */
export const DLQ_HEADER_PREFIX = '__eventflake.errors.';

/** Options of {@link KafkaDeadLetterQueue}. */
export interface KafkaDeadLetterQueueOptions {
  /** The producer to send with; it may be the one the application already uses. */
  readonly producer: Pick<KafkaProducer, 'sendMessages'>;
  /** The dead-letter topic, e.g. `'sales_events.dlq'`. */
  readonly topic: string;
}

/**
 * Sends dead letters to a Kafka topic as Kafka Connect does: the original key, value, headers and
 * timestamp, plus context headers `__eventflake.errors.{reason,message,topic,partition,offset,failed_at}`
 * (and `issues` as JSON for schema failures). `write` resolves once the broker acknowledged every letter,
 * so the sink acks the source batch only then.
 *
 * @example
 * const dlq = new KafkaDeadLetterQueue({ producer, topic: 'sales_events.dlq' });
 * const sink = new BatchSink({ warehouse, registry: wineShopRegistry, deadLetterQueue: dlq });
 */
export class KafkaDeadLetterQueue implements DeadLetterQueue {
  readonly #producer: Pick<KafkaProducer, 'sendMessages'>;
  readonly #topic: string;

  constructor(options: KafkaDeadLetterQueueOptions) {
    this.#producer = options.producer;
    this.#topic = readTopic('topic', options.topic);
  }

  async write(letters: readonly DeadLetter[]): Promise<void> {
    await this.#producer.sendMessages(this.#topic, letters.map(deadLetterMessage));
  }
}

/**
 * A dead letter as a Kafka message: the record as it came in, with the reason in headers.
 *
 * @example
 * deadLetterMessage(letter).headers?.['__eventflake.errors.reason']; // => 'invalid_json'
 */
export function deadLetterMessage(letter: DeadLetter): Message {
  const { lineage, reason } = letter;
  const headers = originalHeaders(lineage.headers);
  const context: Record<string, unknown> = {
    reason: reason.code,
    message: reason.message,
    topic: lineage.topic,
    partition: lineage.partition,
    offset: lineage.offset,
    failed_at: letter.failedAt,
    issues: reason.issues === undefined ? undefined : JSON.stringify(reason.issues),
  };
  for (const [name, value] of Object.entries(context)) {
    if (typeof value === 'string' || typeof value === 'number')
      headers[`${DLQ_HEADER_PREFIX}${name}`] = String(value);
  }
  const value = letter.valueEncoding === 'base64' ? Buffer.from(letter.value, 'base64') : letter.value;
  const timestamp = typeof lineage.timestamp === 'number' ? { timestamp: String(lineage.timestamp) } : {};
  return { key: decodeBytes(lineage.key) ?? letter.eventId ?? null, value, headers, ...timestamp };
}

/** Headers recorded in a Kafka lineage, back to what kafkajs sends; earlier context headers are dropped. */
function originalHeaders(recorded: unknown): IHeaders {
  if (typeof recorded !== 'object' || recorded === null) return {};
  // fromEntries defines own properties, so a header named `__proto__` stays a header.
  return Object.fromEntries(
    Object.entries(recorded).flatMap(([name, value]) => {
      if (name.startsWith(DLQ_HEADER_PREFIX)) return [];
      const kept = (Array.isArray(value) ? value : [value]).flatMap((v) => decodeBytes(v) ?? []);
      return kept.length === 0 ? [] : [[name, kept.length === 1 ? kept[0] : kept]];
    }),
  );
}

/** The inverse of the lineage's byte encoding: text stays text, `{ base64 }` becomes bytes. */
function decodeBytes(value: unknown): string | Buffer | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'base64' in value && typeof value.base64 === 'string') {
    return Buffer.from(value.base64, 'base64');
  }
  return undefined;
}
