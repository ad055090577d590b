/**
 * Kafka figures on a private local broker (startKafka), one round each, against the bare kafkajs ceiling
 * measured in the same run. `npx tsx bench/kafka.bench.ts` runs it alone; BENCH_KAFKA_EVENTS (200,000),
 * BENCH_KAFKA_RSS_EVENTS (100,000), BENCH_KAFKA_NAIVE_EVENTS (500), BENCH_KAFKA_LATENCY_SECONDS (10).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import {
  BatchSink,
  type BatchSinkOptions,
  createGenerator,
  DuckDbWarehouse,
  type Envelope,
  KafkaProducer,
  KafkaSource,
  MemoryDeadLetterQueue,
  produce,
  type QualifiedName,
  type RawEventRow,
  type RawInsertResult,
  SnowflakeWarehouse,
  type Warehouse,
  wineShop,
  wineShopRegistry,
} from '../src/index.js';
import { createRawTableSql } from '../src/warehouse/duckdb/duckdb-raw-sql.js';
import { RAW_COLUMNS } from '../src/warehouse/raw-layout.js';
import { startFakesnow } from '../test/setup/fakesnow-server.js';
import { startKafka } from '../test/setup/kafka-broker.js';
import { type Figure, format, report, rssMb } from './measure.js';

const N = countFromEnv('BENCH_KAFKA_EVENTS', 200_000);
const RSS_N = Math.min(N, countFromEnv('BENCH_KAFKA_RSS_EVENTS', 100_000));
const NAIVE_N = countFromEnv('BENCH_KAFKA_NAIVE_EVENTS', 500);
const LATENCY_SECONDS = countFromEnv('BENCH_KAFKA_LATENCY_SECONDS', 10);
const LATENCY_RATE = 1_000;
const EVENT_BYTES = 1_024;
/** Text fields that can be lengthened to reach 1 KB without breaking the schema, with their max length. */
const PADDABLE: ReadonlyArray<readonly [string, number]> = [
  ['shipping_address', 500],
  ['reason', 500],
  ['warehouse_location', 200],
];

type Ends = Map<number, bigint>;

/** Prints the Kafka figures; resolves false if a target was missed. */
export async function kafkaBench(): Promise<boolean> {
  const broker = await startKafka();
  const kafka = new Kafka({
    clientId: 'eventflake-bench',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topic, ends, meanBytes, latencyEvents, naiveEvents } = await prepare(kafka, admin);
    const mb = (figure: Figure) => (figure.itemsPerSecond * meanBytes) / 1e6;
    console.log(`\n# kafka (${format(N)} events of ${meanBytes.toFixed(0)} B, 3 partitions, one round each)`);

    const ceiling = await bareConsume(kafka, topic, N);
    const duck = await rawDuckDb();
    const full = await eventflakeConsume(
      '(b) eventflake → validate → batch → DuckDB RAW',
      kafka,
      topic,
      ends,
      duck,
    );
    const [landed] = await duck.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
    if (Number(landed?.n) !== N) throw new Error(`expected ${N} rows in RAW, found ${String(landed?.n)}`);
    await duck.close();
    const discard = await eventflakeConsume(
      '(c) eventflake → validate → batch → discard',
      kafka,
      topic,
      ends,
      new DiscardWarehouse(),
    );

    report(ceiling.figure, ceiling.figure);
    report(full.figure, ceiling.figure);
    report(discard.figure, ceiling.figure);
    const perCore = (full.figure.items * meanBytes) / 1e6 / full.cpuSeconds;
    console.log(
      `MB/s: (a) ${mb(ceiling.figure).toFixed(1)}, (b) ${mb(full.figure).toFixed(1)} wall, ` +
        `${perCore.toFixed(1)} per CPU-second of the process (${full.cpuSeconds.toFixed(1)} s CPU), (c) ${mb(discard.figure).toFixed(1)}`,
    );

    const rss = await slowSinkRss(kafka, topic, ceiling.figure.itemsPerSecond / 10);
    const latencies = [
      await latency(kafka, admin, latencyEvents, {}),
      await latency(kafka, admin, latencyEvents, { maxBatchAgeMs: 100 }),
    ];
    const naive = await naiveAgainstFakesnow(kafka, admin, naiveEvents);
    report(naive.naive, ceiling.figure);
    report(naive.batched, ceiling.figure);

    const targets: Array<[string, boolean, string]> = [
      [
        '(c) ≥ 90 % of (a)',
        discard.figure.itemsPerSecond >= 0.9 * ceiling.figure.itemsPerSecond,
        `${((100 * discard.figure.itemsPerSecond) / ceiling.figure.itemsPerSecond).toFixed(0)} %`,
      ],
      ['(b) ≥ 25 MB/s of 1 KB events per core', perCore >= 25, `${perCore.toFixed(1)} MB per CPU-second`],
      ...latencies.map(({ label, p50, p99 }): [string, boolean, string] => [
        `p99 produce→RAW < 1 s at ${LATENCY_RATE}/s, ${label}`,
        p99 < 1_000,
        `p50 ${p50} ms, p99 ${p99} ms`,
      ]),
      [
        `RSS growth < 100 MB under a sink 10× slower (${format(RSS_N)} events, not 1,000,000)`,
        rss.growth < 100,
        `+${rss.growth.toFixed(0)} MB (base ${rss.base.toFixed(0)}, peak ${rss.peak.toFixed(0)}; RSS by quarter ${rss.quarters.map((q) => q.rss.toFixed(0)).join(' / ')} MB; heap after GC ${rss.quarters.map((q) => q.heap.toFixed(0)).join(' / ')} MB)`,
      ],
      [
        `(b) ≥ 50× (d) (${format(NAIVE_N)} events on fakesnow vs DuckDB: not the same warehouse)`,
        full.figure.itemsPerSecond >= 50 * naive.naive.itemsPerSecond,
        `×${(full.figure.itemsPerSecond / naive.naive.itemsPerSecond).toFixed(0)}; batched on fakesnow ×${(naive.batched.itemsPerSecond / naive.naive.itemsPerSecond).toFixed(1)} of (d)`,
      ],
    ];
    for (const [name, met, detail] of targets) console.log(`${met ? 'met   ' : 'MISSED'} ${name}: ${detail}`);
    return targets.every(([, met]) => met);
  } finally {
    await admin.disconnect();
    await broker.stop();
  }
}

/**
 * Produces the main topic and keeps only the few events later phases send again: the 200,000 envelopes
 * (about 600 MB as objects and text) must be garbage before RSS is measured.
 */
async function prepare(kafka: Kafka, admin: Admin) {
  const events = oneKbEvents(N + NAIVE_N, 7);
  const meanBytes = events.slice(0, N).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / N;
  const topic = await newTopic(admin);
  await send(kafka, topic, events.slice(0, N));
  const ends = await endOffsets(admin, topic);
  const latencyEvents = events.slice(0, LATENCY_RATE * LATENCY_SECONDS);
  const naiveEvents = events.slice(N, N + NAIVE_N);
  return { topic, ends, meanBytes, latencyEvents, naiveEvents };
}

/** Wine-shop events with a text field lengthened so each envelope is about 1 KB of JSON, still valid. */
function oneKbEvents(count: number, seed: number): Envelope[] {
  return createGenerator(wineShop, { seed })
    .take(count)
    .map((event) => {
      const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown> & {
        event_data: Record<string, unknown>;
      };
      let missing = EVENT_BYTES - Buffer.byteLength(JSON.stringify(copy));
      for (const [field, max] of PADDABLE) {
        const text = copy.event_data[field];
        if (typeof text !== 'string' || missing <= 0) continue;
        const added = Math.min(missing, max - text.length);
        if (added > 1) copy.event_data[field] = `${text} ${'x'.repeat(added - 1)}`;
        missing -= Math.max(0, added);
      }
      const parsed = wineShopRegistry.parse(copy);
      if (!parsed.ok) throw new Error(`padded event is invalid: ${JSON.stringify(parsed.error.issues)}`);
      return parsed.event;
    });
}

/** (a) The ceiling: a kafkajs group consumer doing nothing with what it fetches. */
async function bareConsume(kafka: Kafka, topic: string, count: number): Promise<{ figure: Figure }> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let startedAt = 0n;
  const done = new Promise<bigint>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (startedAt === 0n) startedAt = process.hrtime.bigint();
        seen += batch.messages.length;
        if (seen >= count) resolve(process.hrtime.bigint());
      },
    });
  });
  const endedAt = await done;
  await consumer.disconnect();
  return { figure: figure('(a) kafkajs consume, no work (ceiling)', count, startedAt, endedAt) };
}

/** Runs a KafkaSource into a BatchSink until every partition is committed to `ends`; timed from the first batch. */
async function eventflakeConsume(
  name: string,
  kafka: Kafka,
  topic: string,
  ends: Ends,
  warehouse: BatchSinkOptions['warehouse'],
  sinkOptions: Partial<BatchSinkOptions> = {},
): Promise<{ figure: Figure; cpuSeconds: number }> {
  const sink = new BatchSink({
    warehouse,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    ...sinkOptions,
  });
  const source = new KafkaSource({
    kafka,
    groupId: `bench-${randomUUID()}`,
    topics: [topic],
    consumer: { maxWaitTimeInMs: 100 },
  });
  let startedAt = 0n;
  let cpuAtStart = process.cpuUsage();
  source.on('source.batch_start', () => {
    if (startedAt !== 0n) return;
    startedAt = process.hrtime.bigint();
    cpuAtStart = process.cpuUsage();
  });
  const committed = new Map<number, bigint>();
  const done = new Promise<bigint>((resolve) => {
    source.on('source.commit', ({ offsets }) => {
      for (const { partition, offset } of offsets) committed.set(partition, BigInt(offset));
      if ([...ends].every(([p, end]) => (committed.get(p) ?? -1n) >= end)) resolve(process.hrtime.bigint());
    });
  });
  const running = source.run(sink);
  const endedAt = await Promise.race([
    done,
    running.then(() => Promise.reject(new Error(`${name}: source ended early`))),
  ]);
  const cpu = process.cpuUsage(cpuAtStart);
  await source.stop();
  await running;
  await sink.close();
  const items = total(ends);
  return { figure: figure(name, items, startedAt, endedAt), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** p50/p99 from each record's Kafka timestamp (set by the producer when it sends) to the end of its RAW insert. */
async function latency(
  kafka: Kafka,
  admin: Admin,
  events: readonly Envelope[],
  sinkOptions: Partial<BatchSinkOptions>,
) {
  const label =
    sinkOptions.maxBatchAgeMs === undefined
      ? 'sink defaults (maxBatchAgeMs 1000)'
      : `maxBatchAgeMs ${sinkOptions.maxBatchAgeMs}`;
  const topic = await newTopic(admin);
  const duck = await rawDuckDb();
  const timed = new LatencyWarehouse(duck);
  const sink = new BatchSink({
    warehouse: timed,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    ...sinkOptions,
  });
  const source = new KafkaSource({
    kafka,
    groupId: `bench-latency-${randomUUID()}`,
    topics: [topic],
    consumer: { maxWaitTimeInMs: 100 },
  });
  const assigned = new Promise<void>((resolve) => source.on('source.rebalance', () => resolve()));
  const running = source.run(sink);
  await assigned;
  const producer = new KafkaProducer({ kafka, topic });
  await produce(producer, events, { rate: LATENCY_RATE, count: events.length, lingerMs: 5, batchSize: 50 });
  await producer.disconnect();
  while (timed.samples.length < events.length) await new Promise((r) => setTimeout(r, 50));
  await source.stop();
  await running;
  await sink.close();
  await duck.close();
  const sorted = [...timed.samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(
    `latency at ${LATENCY_RATE}/s over ${events.length} events, ${label}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  );
  return { label, p50: at(0.5), p99: at(0.99) };
}

/** Peak RSS while a sink `eventsPerSecond` slow drains the topic: backpressure must keep memory flat. */
async function slowSinkRss(kafka: Kafka, topic: string, eventsPerSecond: number) {
  collectGarbage();
  const base = rssMb();
  let peak = base;
  const slow = new DiscardWarehouse(eventsPerSecond);
  const sink = new BatchSink({
    warehouse: slow,
    registry: wineShopRegistry,
    deadLetterQueue: new MemoryDeadLetterQueue(),
    maxBatchEvents: 2_000,
  });
  const source = new KafkaSource({
    kafka,
    groupId: `bench-rss-${randomUUID()}`,
    topics: [topic],
    consumer: { maxWaitTimeInMs: 100 },
  });
  const quarters: Array<{ rss: number; heap: number }> = [];
  const sampler = setInterval(() => {
    const now = rssMb();
    peak = Math.max(peak, now);
    if (slow.inserted >= ((quarters.length + 1) * RSS_N) / 4) {
      collectGarbage();
      quarters.push({ rss: now, heap: process.memoryUsage().heapUsed / 1024 / 1024 });
    }
  }, 100);
  const running = source.run(sink);
  while (slow.inserted < RSS_N) await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  await source.stop();
  await running;
  await sink.close();
  console.log(
    `slow sink at ${format(eventsPerSecond)} events/s (a tenth of the ceiling): ${format(slow.inserted)} events, peak RSS ${peak.toFixed(0)} MB from ${base.toFixed(0)} MB`,
  );
  return { base, peak, growth: peak - base, quarters };
}

/** (d) The seeds' consumer: one INSERT (autocommitted) per event, Kafka auto-commit; and eventflake on the same emulator. */
async function naiveAgainstFakesnow(kafka: Kafka, admin: Admin, events: readonly Envelope[]) {
  const snow = await startFakesnow();
  const warehouse = await SnowflakeWarehouse.connect(
    { account: 'bench', username: 'bench', password: 'emulator', accessUrl: snow.url, timeoutMs: 30_000 },
    { maxBindsPerStatement: 70 },
  );
  try {
    await warehouse.execute('CREATE DATABASE IF NOT EXISTS BENCH_DB');
    await warehouse.execute('CREATE SCHEMA IF NOT EXISTS BENCH_DB.RAW_DATA');
    const columns = RAW_COLUMNS.map((c) => `${c.name} ${c.snowflake}`).join(', ');
    await warehouse.execute(`CREATE OR REPLACE TABLE BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM (${columns})`);
    const topic = await newTopic(admin);
    await send(kafka, topic, events);
    const ends = await endOffsets(admin, topic);

    const consumer = kafka.consumer({ groupId: `bench-naive-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const insert =
      'INSERT INTO BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM SELECT column1, column2, TO_TIMESTAMP_NTZ(column3), column4, column5, PARSE_JSON(column6), PARSE_JSON(column7), SYSDATE() FROM VALUES (?, ?, ?, ?, ?, ?, ?)';
    let seen = 0;
    let startedAt = 0n;
    const done = new Promise<bigint>((resolve, reject) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (startedAt === 0n) startedAt = process.hrtime.bigint();
          const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as Envelope;
          const metadata = JSON.stringify({ topic, partition, offset: Number(message.offset) });
          await warehouse
            .execute(insert, [
              event.event_id,
              event.event_type,
              event.event_timestamp,
              event.product_id,
              event.customer_id,
              JSON.stringify(event.event_data),
              metadata,
            ])
            .catch(reject);
          seen += 1;
          if (seen >= events.length) resolve(process.hrtime.bigint());
        },
      });
    });
    const endedAt = await done;
    await consumer.disconnect();
    const naive = figure(
      `(d) per-event INSERT + commit → fakesnow (${events.length})`,
      events.length,
      startedAt,
      endedAt,
    );
    await warehouse.execute('TRUNCATE TABLE BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM');
    const table = { database: 'BENCH_DB', schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };
    const batched = await eventflakeConsume(
      `(d') eventflake → fakesnow (${events.length})`,
      kafka,
      topic,
      ends,
      warehouse,
      { table },
    );
    return { naive, batched: batched.figure };
  } finally {
    await warehouse.close();
    await snow.stop();
  }
}

/** A warehouse that drops rows, at once or at a fixed pace (serially, `eventsPerSecond`). */
class DiscardWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect = 'duckdb' as const;
  inserted = 0;
  #queue: Promise<unknown> = Promise.resolve();
  constructor(readonly eventsPerSecond?: number) {}

  insertRawEvents(_table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const rate = this.eventsPerSecond;
    const done = () => {
      this.inserted += rows.length;
      return { inserted: rows.length, skipped: 0 };
    };
    if (rate === undefined) return Promise.resolve(done());
    const next = this.#queue
      .then(() => new Promise((r) => setTimeout(r, (1000 * rows.length) / rate)))
      .then(done);
    this.#queue = next;
    return next;
  }

  async execute(): Promise<[]> {
    return [];
  }
}

/** Records, for each row, the milliseconds from its Kafka timestamp to the end of the insert that landed it. */
class LatencyWarehouse implements Pick<Warehouse, 'insertRawEvents' | 'execute' | 'dialect'> {
  readonly dialect: Warehouse['dialect'];
  readonly samples: number[] = [];
  constructor(readonly inner: Warehouse) {
    this.dialect = inner.dialect;
  }

  async insertRawEvents(table: QualifiedName, rows: readonly RawEventRow[]): Promise<RawInsertResult> {
    const result = await this.inner.insertRawEvents(table, rows);
    const now = Date.now();
    for (const row of rows) {
      const { timestamp } = JSON.parse(row.eventMetadata ?? '{}') as { timestamp?: number };
      if (typeof timestamp === 'number') this.samples.push(now - timestamp);
    }
    return result;
  }

  execute(sql: string, binds?: Parameters<Warehouse['execute']>[1]) {
    return this.inner.execute(sql, binds);
  }
}

async function rawDuckDb(): Promise<DuckDbWarehouse> {
  const warehouse = await DuckDbWarehouse.open();
  await warehouse.execute('CREATE SCHEMA "RAW_DATA"');
  await warehouse.execute(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  return warehouse;
}

async function newTopic(admin: Admin): Promise<string> {
  const topic = `bench-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  return topic;
}

async function send(kafka: Kafka, topic: string, events: readonly Envelope[]): Promise<void> {
  const producer = new KafkaProducer({ kafka, topic, maxBatchMessages: 1_000, key: 'event_id' });
  try {
    await producer.send(events);
  } finally {
    await producer.disconnect();
  }
}

async function endOffsets(admin: Admin, topic: string): Promise<Ends> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
}

function total(ends: Ends): number {
  return Number([...ends.values()].reduce((a, b) => a + b, 0n));
}

function figure(name: string, items: number, startedAt: bigint, endedAt: bigint): Figure {
  const seconds = Number(endedAt - startedAt) / 1e9;
  return { name, items, seconds, itemsPerSecond: items / seconds };
}

/** A full GC, so RSS figures start from live data only (V8 exposes gc() once the flag is set). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

function countFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number from 1, got ${raw}`);
  return value;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await kafkaBench()) ? 0 : 1;
}
