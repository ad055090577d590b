/**
 * Kafka figures on a private local broker (startKafka), one round each, against the bare kafkajs ceiling
 * measured in the same run ((b) lands in a DuckDB opened with `threads: 1`, (b') with DuckDB's default),
 * and three floors: the bare consumer decoding each value, then also matching it
 * against the registry fast path (what any consumer validating in JavaScript pays at least), then the
 * same matching on a worker thread (what moving the validation off the consumer's thread could reach).
 * `npx tsx bench/kafka.bench.ts` runs it alone; BENCH_KAFKA_EVENTS (200,000),
 * BENCH_KAFKA_RSS_EVENTS (1,000,000, on a topic of their own), BENCH_KAFKA_NAIVE_EVENTS (500),
 * BENCH_KAFKA_LATENCY_SECONDS (10).
 */
import { pathToFileURL } from 'node:url';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { fastPathOf } from '../src/events/fast-path/fast-path.js';
import { wineShopRegistry } from '../src/index.js';
import { startKafka } from '../test/setup/kafka-broker.js';
import { bareConsume, eventflakeConsume, faster } from './kafka/consume.js';
import { latency } from './kafka/latency.js';
import { slowSinkRssInChild } from './kafka/memory-process.js';
import { naiveAgainstFakesnow } from './kafka/naive.js';
import { endOffsets, newTopic, oneKbEvents, send } from './kafka/topics.js';
import { DiscardWarehouse, rawDuckDb } from './kafka/warehouses.js';
import { workerFloor } from './kafka/worker-floor.js';
import { type Figure, format, report } from './measure.js';

const N = countFromEnv('BENCH_KAFKA_EVENTS', 200_000);
const RSS_N = countFromEnv('BENCH_KAFKA_RSS_EVENTS', 1_000_000);
const NAIVE_N = countFromEnv('BENCH_KAFKA_NAIVE_EVENTS', 500);
const LATENCY_SECONDS = countFromEnv('BENCH_KAFKA_LATENCY_SECONDS', 10);
const LATENCY_RATE = 1_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const fastPath = fastPathOf(wineShopRegistry);
/** What the floors do on each value: decoding it, then also matching it against the registry. */
const FLOOR_WORK = [
  { name: '(a1) (a) + UTF-8 decode of each value', onValue: (value: Buffer) => utf8.decode(value) },
  {
    name: '(a2) (a1) + the registry fast path',
    onValue: (value: Buffer) => fastPath?.match(utf8.decode(value), true),
  },
] as const;

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
    console.log(
      `\n# kafka (${format(N)} events of ${meanBytes.toFixed(0)} B, 3 partitions; (a) and (c) best of two alternating rounds, the first of which also warms the broker's page cache)`,
    );

    const discardRound = () =>
      eventflakeConsume(
        '(c) eventflake → validate → batch → discard',
        kafka,
        topic,
        ends,
        new DiscardWarehouse(),
      );
    const ceiling = faster(await bareConsume(kafka, topic, N), await bareConsume(kafka, topic, N));
    const discard = faster(await discardRound(), await discardRound());
    // Floors for (c): the same bare consumer doing only part of eventflake's work on each value.
    const floors = [];
    for (const work of FLOOR_WORK) {
      floors.push(faster(await bareConsume(kafka, topic, N, work), await bareConsume(kafka, topic, N, work)));
    }
    floors.push(faster(await workerFloor(kafka, topic, N), await workerFloor(kafka, topic, N)));
    // A database that only receives the sink's batches, opened as docs/warehouse.md advises for one;
    // (b') shows DuckDB's default thread count too.
    const landed = async (name: string, threads?: number) => {
      const duck = await rawDuckDb(threads === undefined ? {} : { threads });
      try {
        const result = await eventflakeConsume(name, kafka, topic, ends, duck);
        const [row] = await duck.execute('SELECT count(*) AS n FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
        if (Number(row?.n) !== N) throw new Error(`expected ${N} rows in RAW, found ${String(row?.n)}`);
        return result;
      } finally {
        await duck.close();
      }
    };
    const full = await landed('(b) eventflake → validate → batch → DuckDB RAW (threads: 1)', 1);
    const defaultThreads = await landed("(b') the same, DuckDB's default thread count");

    report(ceiling.figure, ceiling.figure);
    report(full.figure, ceiling.figure);
    report(defaultThreads.figure, ceiling.figure);
    report(discard.figure, ceiling.figure);
    for (const floor of floors) report(floor.figure, ceiling.figure);
    const perCore = (full.figure.items * meanBytes) / 1e6 / full.cpuSeconds;
    console.log(
      `MB/s: (a) ${mb(ceiling.figure).toFixed(1)}, (b) ${mb(full.figure).toFixed(1)} wall, ` +
        `${perCore.toFixed(1)} per CPU-second of the process (${full.cpuSeconds.toFixed(1)} s CPU), (c) ${mb(discard.figure).toFixed(1)}`,
    );

    const us = (phase: { cpuSeconds: number; figure: Figure }) =>
      ((1e6 * phase.cpuSeconds) / phase.figure.items).toFixed(1);
    console.log(
      `process CPU per event (all threads): (a) ${us(ceiling)} µs, (c) ${us(discard)} µs, (b) ${us(full)} µs, (b') ${us(defaultThreads)} µs; floors ${floors.map(us).join(' / ')} µs`,
    );

    const rss = await slowSinkRssInChild(broker.brokers, RSS_N, ceiling.figure.itemsPerSecond / 10);
    const latencies = [
      await latency(kafka, admin, latencyEvents, LATENCY_RATE, {}),
      await latency(kafka, admin, latencyEvents, LATENCY_RATE, { maxBatchAgeMs: 100 }),
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
        `RSS growth < 100 MB under a sink 10× slower (${format(RSS_N)} events)`,
        rss.growth < 100,
        `+${rss.growth.toFixed(0)} MB (base ${rss.base.toFixed(0)}, peak ${rss.peak.toFixed(0)}; RSS by quarter ${rss.quarters.map((q) => q.rss.toFixed(0)).join(' / ')} MB; heap after GC ${rss.quarters.map((q) => q.heap.toFixed(0)).join(' / ')} MB used, ${rss.quarters.map((q) => q.committed.toFixed(0)).join(' / ')} MB committed; Buffers ${rss.quarters.map((q) => q.buffers.toFixed(0)).join(' / ')} MB)`,
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
