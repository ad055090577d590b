import { z } from 'zod';
import { ConfigError } from '../errors.js';

/**
 * The environment variables the CLI reads, validated with zod before anything runs. A command-line
 * option always wins over its variable. Snowflake's `SNOWFLAKE_*` variables are read by
 * `snowflakeConfigFromEnv`, which names them the same way.
 */
const HOST_PORT = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;

/** Kafka bootstrap servers as text, e.g. `127.0.0.1:9092,127.0.0.1:9093`; also parses `--brokers`. */
export const brokersSchema = z
  .string()
  .trim()
  .transform((text) => text.split(',').map((b) => b.trim()))
  .refine((list) => list.length > 0 && list.every((b) => HOST_PORT.test(b)), {
    message: 'a comma-separated list of host:port, e.g. 127.0.0.1:9092',
  });
/** A Kafka topic name; also parses `--topic`. */
export const topicSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'a Kafka topic name (letters, digits, . _ -)');
const PORT = 'a whole number from 0 to 65535';
const port = z.coerce.number({ error: PORT }).int(PORT).min(0, PORT).max(65_535, PORT);

const schema = z.object({
  /** Kafka bootstrap servers, comma-separated. */
  KAFKA_BROKERS: brokersSchema.optional(),
  /** Topic the events travel on. */
  KAFKA_TOPIC: topicSchema.default('sales_events'),
  /** Consumer group of the RAW sink. */
  KAFKA_GROUP_ID: z.string().trim().min(1, 'a non-empty consumer group id').default('eventflake-raw-sink'),
  /** Client id kafkajs sends to the broker (shows up in broker logs and quotas). */
  KAFKA_CLIENT_ID: z.string().trim().min(1, 'a non-empty client id').default('eventflake-cli'),
  /** kafkajs' own log level (written to stderr). */
  KAFKA_LOG_LEVEL: z
    .enum(['nothing', 'error', 'warn', 'info', 'debug'], {
      error: 'one of nothing, error, warn, info, debug',
    })
    .default('warn'),
  /** Address the consumer's /metrics endpoint binds; loopback unless you mean to expose it. */
  EVENTFLAKE_METRICS_HOST: z.string().trim().min(1, 'a host name or IP address').default('127.0.0.1'),
  /** Port of the consumer's /metrics endpoint; unset means no endpoint (0 picks a free port). */
  EVENTFLAKE_METRICS_PORT: port.optional(),
  /** DuckDB file of run-local, validate and consume when --db is not given. */
  EVENTFLAKE_DUCKDB_PATH: z.string().trim().min(1, 'a file path').optional(),
  /** JSON Lines file for dead letters when --dlq is not given. */
  EVENTFLAKE_DLQ_PATH: z.string().trim().min(1, 'a file path').optional(),
});

export type CliEnv = z.infer<typeof schema>;

/** The variables this module knows, for docs and tests. */
export const CLI_ENV_VARIABLES: readonly string[] = Object.keys(schema.shape);

/**
 * Reads and checks the CLI's variables; empty values count as unset (as in a copied .env.example).
 * A wrong value throws a ConfigError naming the variable.
 *
 * @example
 * const env = readCliEnv(process.env); // env.KAFKA_TOPIC === 'sales_events' unless set
 */
export function readCliEnv(env: NodeJS.ProcessEnv): CliEnv {
  const present = Object.fromEntries(
    CLI_ENV_VARIABLES.flatMap((name) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value]];
    }),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(name, issue?.message ?? 'valid', present[name]);
}
