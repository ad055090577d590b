import { InvalidArgumentError } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { ConfigError } from '../errors.js';
import { brokersSchema, type CliEnv, topicSchema } from './env.js';

const LOG_LEVELS = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/** commander parser of `--brokers`: the same rule as KAFKA_BROKERS. */
export function parseBrokers(text: string): string[] {
  const result = brokersSchema.safeParse(text);
  if (!result.success)
    throw new InvalidArgumentError(`Expected ${result.error.issues[0]?.message ?? 'host:port'}.`);
  return result.data;
}

/** commander parser of `--topic`: one topic, or a comma-separated list where `many` is allowed. */
export function parseTopics(text: string): string[] {
  return text.split(',').map((name) => {
    const result = topicSchema.safeParse(name);
    if (!result.success)
      throw new InvalidArgumentError(`Expected ${result.error.issues[0]?.message ?? 'a topic name'}.`);
    return result.data;
  });
}

/**
 * A kafkajs client from `--brokers` or KAFKA_BROKERS (the option wins); neither is a ConfigError naming both.
 *
 * @example
 * const kafka = kafkaClient(options.brokers, readCliEnv(process.env));
 */
export function kafkaClient(brokers: readonly string[] | undefined, env: CliEnv): Kafka {
  const list = brokers ?? env.KAFKA_BROKERS;
  if (list === undefined) {
    throw new ConfigError('--brokers', 'given, or KAFKA_BROKERS set (host:port,…)', undefined);
  }
  return new Kafka({
    clientId: env.KAFKA_CLIENT_ID,
    brokers: [...list],
    logLevel: LOG_LEVELS[env.KAFKA_LOG_LEVEL],
  });
}
