import type { ConsumerConfig, Kafka } from 'kafkajs';
import { ConfigError } from '../errors.js';
import { readBoolean, readInt, readString } from '../generate/options.js';
import { quoteQualified } from '../warehouse/identifier.js';
import { readKafkaSettings, readTopic, requireKafkaClient } from './option-checks.js';
import type { ResumeFromWarehouseOptions } from './resume-from-warehouse.js';

/** Options of {@link KafkaSource}. */
export interface KafkaSourceOptions {
  /** A kafkajs client, e.g. `new Kafka({ brokers })`; only `consumer()` is used. */
  readonly kafka: Pick<Kafka, 'consumer'>;
  /** The consumer group: members share the partitions and its committed offsets. */
  readonly groupId: string;
  /** Topics to read, e.g. `['sales_events']`. */
  readonly topics: readonly string[];
  /**
   * Where a group with no committed offset starts: the oldest record (as Kafka Connect sinks do) or new ones.
   * @default true
   */
  readonly fromBeginning?: boolean;
  /**
   * kafkajs consumer settings (sessionTimeout, heartbeatInterval, maxBytesPerPartition, retry…).
   * Commits and offset resolution are the source's own and cannot be set here.
   * @default {}
   */
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  /**
   * A fetched batch is written to the sink in slices of at most this many records, with a heartbeat
   * between slices, so a large batch never starves the group of heartbeats.
   * @default 1000
   */
  readonly maxRecordsPerWrite?: number;
  /**
   * Before writing a partition's first batch after each assignment, read from RAW which of its offsets
   * already landed and skip them, as the Snowflake connector does with offset tokens: RAW stays right
   * when a commit was lost. Off when not given.
   * @default undefined
   */
  readonly resumeFromWarehouse?: ResumeFromWarehouseOptions;
  /**
   * How long `stop()` may take to finish the batch in hand, flush the sink and commit before it
   * disconnects anyway.
   * @default 30000
   */
  readonly shutdownDeadlineMs?: number;
  /**
   * Process signals that stop the source gracefully while it runs, e.g. `['SIGINT', 'SIGTERM']`. The
   * handlers are removed when `run` ends; exiting the process stays the caller's decision.
   * @default []
   */
  readonly signals?: readonly NodeJS.Signals[];
}

export interface ResolvedSourceOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly consumer: Omit<ConsumerConfig, 'groupId'>;
  readonly maxRecordsPerWrite: number;
  readonly resumeFromWarehouse: ResumeFromWarehouseOptions | undefined;
  readonly shutdownDeadlineMs: number;
  readonly signals: readonly NodeJS.Signals[];
  /** kafkajs' heartbeat interval: how often a long write sends one. */
  readonly heartbeatIntervalMs: number;
}

const SIGNAL_NAME = /^SIG[A-Z0-9]+$/;
const HOUR_MS = 3_600_000;

/**
 * Check every option, throwing a ConfigError naming the first bad one.
 *
 * @example
 * resolveSourceOptions({ kafka, groupId: '', topics: ['sales_events'] }); // throws: Expected `groupId` to be a non-empty string, got `` (string)
 */
export function resolveSourceOptions(options: KafkaSourceOptions): ResolvedSourceOptions {
  requireKafkaClient(options.kafka, 'consumer');
  const groupId = readString('groupId', options.groupId, '');
  if (groupId === '') throw new ConfigError('groupId', 'a non-empty string', options.groupId);
  const topics = readTopics(options.topics);
  const consumer = readKafkaSettings('consumer', options.consumer, ['groupId']);
  const heartbeatIntervalMs = readInt(
    'consumer.heartbeatInterval',
    consumer.heartbeatInterval,
    3_000,
    1,
    HOUR_MS,
  );
  return {
    groupId,
    topics,
    fromBeginning: readBoolean('fromBeginning', options.fromBeginning, true),
    consumer,
    maxRecordsPerWrite: readInt('maxRecordsPerWrite', options.maxRecordsPerWrite, 1_000, 1, 1_000_000),
    resumeFromWarehouse: readResume(options.resumeFromWarehouse),
    shutdownDeadlineMs: readInt('shutdownDeadlineMs', options.shutdownDeadlineMs, 30_000, 1, HOUR_MS),
    signals: readSignals(options.signals),
    heartbeatIntervalMs,
  };
}

function readTopics(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError('topics', 'a non-empty list of topic names', value);
  }
  return Object.freeze([...new Set(value.map((topic, i) => readTopic(`topics[${i}]`, topic)))]);
}

function readResume(value: ResumeFromWarehouseOptions | undefined): ResumeFromWarehouseOptions | undefined {
  if (value === undefined) return undefined;
  const warehouse = value?.warehouse;
  if (typeof warehouse?.execute !== 'function') {
    throw new ConfigError(
      'resumeFromWarehouse.warehouse',
      'a Warehouse (an object with `execute`)',
      warehouse,
    );
  }
  if (warehouse.dialect !== 'snowflake' && warehouse.dialect !== 'duckdb') {
    throw new ConfigError(
      'resumeFromWarehouse.warehouse.dialect',
      "'snowflake' or 'duckdb'",
      warehouse.dialect,
    );
  }
  if (value.table !== undefined) {
    try {
      quoteQualified(value.table);
    } catch {
      throw new ConfigError(
        'resumeFromWarehouse.table',
        'a { schema, name } of safe SQL identifiers',
        value.table,
      );
    }
  }
  return value;
}

function readSignals(value: unknown): readonly NodeJS.Signals[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && SIGNAL_NAME.test(s))) {
    throw new ConfigError('signals', "a list of signal names such as ['SIGINT', 'SIGTERM']", value);
  }
  return Object.freeze([...new Set(value as NodeJS.Signals[])]);
}
