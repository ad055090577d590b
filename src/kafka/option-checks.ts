import { ConfigError } from '../errors.js';

// Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Check a Kafka topic name, throwing a ConfigError naming `field`.
 *
 * @example
 * readTopic('topic', 'sales events'); // throws: Expected `topic` to be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'…
 */
export function readTopic(field: string, value: unknown): string {
  if (typeof value !== 'string' || !TOPIC_NAME.test(value) || value === '.' || value === '..') {
    throw new ConfigError(field, "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'", value);
  }
  return value;
}

/**
 * Check that `kafka` is a kafkajs client able to create what the caller needs.
 *
 * @example
 * requireKafkaClient({}, 'consumer'); // throws: Expected `kafka` to be a kafkajs Kafka client (an object with a `consumer` method)…
 */
export function requireKafkaClient(kafka: unknown, method: 'consumer' | 'producer'): void {
  if (typeof (kafka as Record<string, unknown> | null | undefined)?.[method] !== 'function') {
    throw new ConfigError('kafka', `a kafkajs Kafka client (an object with a \`${method}\` method)`, kafka);
  }
}

/**
 * Read pass-through kafkajs settings, refusing the fields eventflake sets itself.
 *
 * @example
 * readKafkaSettings('consumer', { groupId: 'x' }, ['groupId']); // throws: Expected `consumer.groupId` to be absent…
 */
export function readKafkaSettings<T extends object>(
  field: string,
  value: T | undefined,
  owned: readonly string[],
): T {
  const settings = value ?? ({} as T);
  if (typeof settings !== 'object' || settings === null) {
    throw new ConfigError(field, `kafkajs ${field} settings (an object)`, settings);
  }
  for (const name of owned) {
    if (name in settings) {
      throw new ConfigError(`${field}.${name}`, 'absent: eventflake sets it', 'set');
    }
  }
  return settings;
}
