import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { wineShopRegistry } from '../../../src/events/index.js';
import { createGenerator } from '../../../src/generate/generator.js';
import { wineShop } from '../../../src/generate/wine-shop/domain.js';
import { KafkaProducer } from '../../../src/kafka/kafka-producer.js';
import type { KafkaSource } from '../../../src/kafka/kafka-source.js';
import type { KafkaProducerOptions } from '../../../src/kafka/producer-options.js';
import { BatchSink } from '../../../src/sink/batch-sink.js';
import type { DeadLetterQueue } from '../../../src/sink/dead-letter.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import type { BatchSinkOptions } from '../../../src/sink/sink-options.js';
import type { BatchWriter } from '../../../src/sink/source.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import type { QualifiedName } from '../../../src/warehouse/identifier.js';
import type { RawEventRow } from '../../../src/warehouse/raw-layout.js';
import type { Bindable, RawInsertResult, Row, Warehouse } from '../../../src/warehouse/warehouse.js';

export const RAW = '"RAW_DATA"."RAW_EVENTS_STREAM"';

/** How long a test waits for its source to commit everything before failing with a clear message. */
const COMMIT_TIMEOUT_MS = 45_000;

export function kafkaClient(name: string): Kafka {
  const brokers = inject('kafkaBrokers');
  if (!brokers) throw new Error('No Kafka broker: run with EVENTFLAKE_TEST_SERVICES including kafka');
  return new Kafka({ clientId: `eventflake-test-${name}`, brokers: [brokers], logLevel: logLevel.NOTHING });
}

/** What each test of a file gets: one client and admin per file, a fresh RAW warehouse per test. */
export interface KafkaTestContext {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly warehouse: DuckDbWarehouse;
  /** A producer that is disconnected after the test. */
  producer(options: Omit<KafkaProducerOptions, 'kafka'>): KafkaProducer;
  /** Send `count` seeded events in requests of 100 (so fetches can be small); resolves with the end offsets. */
  produceEvents(topic: string, count: number, seed: number): Promise<Map<number, bigint>>;
}

/** Registers the file's hooks and returns the context they fill. */
export function kafkaTestContext(name: string): KafkaTestContext {
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let warehouse: DuckDbWarehouse | undefined;
  const producers: KafkaProducer[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };
  beforeAll(async () => {
    kafka = kafkaClient(name);
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });
  beforeEach(async () => {
    warehouse = await rawWarehouse();
  });
  afterEach(async () => {
    await Promise.all(producers.splice(0).map((producer) => producer.disconnect()));
    await warehouse?.close();
  });
  const context: KafkaTestContext = {
    get kafka() {
      return ready(kafka, 'kafka');
    },
    get admin() {
      return ready(admin, 'admin');
    },
    get warehouse() {
      return ready(warehouse, 'warehouse');
    },
    producer(options) {
      const producer = new KafkaProducer({ kafka: context.kafka, ...options });
      producers.push(producer);
      return producer;
    },
    async produceEvents(topic, count, seed) {
      await context.producer({ topic, maxBatchMessages: 100 }).send(wineShopEvents(count, seed));
      return endOffsets(context.admin, topic);
    },
  };
  return context;
}

/** A fresh topic (and matching group id) per test, so tests never see each other's records. */
export async function newTopic(admin: Admin, name: string, partitions = 3): Promise<string> {
  const topic = `eventflake-${name}-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  return topic;
}

export function newGroupId(name: string): string {
  return `eventflake-${name}-${randomUUID()}`;
}

/**
 * Options every test source shares. kafkajs sleeps `maxWaitTimeInMs` in a fetch when every partition is
 * paused, and a graceful stop waits for that sleep: 100 ms instead of 5 s keeps the suite short.
 */
export function sourceOptions(kafka: Kafka, groupId: string, topic: string) {
  return { kafka, groupId, topics: [topic], consumer: { maxWaitTimeInMs: 100 } } as const;
}

/** Seeded wine-shop envelopes. */
export function wineShopEvents(count: number, seed: number) {
  return createGenerator(wineShop, { seed }).take(count);
}

/** The next offset to be written, per partition. */
export async function endOffsets(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
}

/** The group's committed offsets; -1 where nothing is committed. */
export async function groupOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((entry?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
}

export function total(offsets: Map<number, bigint>): number {
  return Number([...offsets.values()].reduce((sum, offset) => sum + (offset > 0n ? offset : 0n), 0n));
}

/** A DuckDB database with an empty RAW table. */
export async function rawWarehouse(): Promise<DuckDbWarehouse> {
  const warehouse = await DuckDbWarehouse.open();
  await warehouse.execute('CREATE SCHEMA IF NOT EXISTS "RAW_DATA"');
  await warehouse.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  return warehouse;
}

export async function rawCounts(warehouse: Warehouse): Promise<{ rows: number; distinct: number }> {
  const [row] = await warehouse.execute(`SELECT count(*) AS n, count(DISTINCT "EVENT_ID") AS d FROM ${RAW}`);
  return { rows: Number(row?.n), distinct: Number(row?.d) };
}

/** Wraps a warehouse: counts rows offered to RAW, and can hold each insert back for `delayMs`. */
export class CountingWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect: Warehouse['dialect'];
  offered = 0;
  constructor(
    readonly inner: Warehouse,
    readonly delayMs = 0,
  ) {
    this.dialect = inner.dialect;
  }

  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    this.offered += rows.length;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return this.inner.insertRawEvents(table, rows);
  }

  execute(sql: string, binds?: readonly Bindable[]): Promise<Row[]> {
    return this.inner.execute(sql, binds);
  }
}

export function wineShopSink(
  warehouse: BatchSinkOptions['warehouse'],
  options: Partial<BatchSinkOptions> & { deadLetterQueue?: DeadLetterQueue } = {},
): BatchSink {
  return new BatchSink({
    warehouse,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    maxBatchEvents: 1_000,
    maxBatchAgeMs: 50,
    ...options,
  });
}

/** Latest offset each source committed, merged over every source given (members of one group). */
export function trackCommits(...sources: KafkaSource[]): Map<number, bigint> {
  const committed = new Map<number, bigint>();
  for (const source of sources) {
    source.on('source.commit', ({ offsets }) => {
      for (const { partition, offset } of offsets) {
        const value = BigInt(offset);
        if (value > (committed.get(partition) ?? -1n)) committed.set(partition, value);
      }
    });
  }
  return committed;
}

/** Resolves once `committed` reached `ends` on every partition; fails fast if `running` ends first. */
export async function untilCommitted(
  committed: Map<number, bigint>,
  ends: Map<number, bigint>,
  running: Promise<void>[],
): Promise<void> {
  const deadline = Date.now() + COMMIT_TIMEOUT_MS;
  let stopped: unknown;
  for (const run of running)
    run.then(
      () => (stopped ??= 'the source stopped'),
      (error) => (stopped ??= error),
    );
  while (![...ends].every(([partition, end]) => end === 0n || (committed.get(partition) ?? -1n) >= end)) {
    if (stopped !== undefined)
      throw new Error(`Source ended before committing everything: ${String(stopped)}`);
    if (Date.now() > deadline) {
      throw new Error(
        `Committed ${JSON.stringify([...committed].map(String))}, expected ${[...ends].map(String)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Run `source` into `sink` until every record up to `ends` is committed, then stop it gracefully. */
export async function consumeAll(
  source: KafkaSource,
  sink: BatchWriter,
  ends: Map<number, bigint>,
): Promise<void> {
  const committed = trackCommits(source);
  const running = source.run(sink);
  try {
    await untilCommitted(committed, ends, [running]);
  } finally {
    await source.stop();
  }
  await running;
}
