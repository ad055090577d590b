import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  BatchSink,
  type BatchSinkOptions,
  KafkaSource,
  MemoryDeadLetterQueue,
  wineShopRegistry,
} from '../../src/index.js';
import type { Figure } from '../measure.js';
import { type Ends, total } from './topics.js';

/**
 * (a) The ceiling: a kafkajs group consumer doing nothing with what it fetches; with `work`, the same
 * consumer calling it on each message value (a floor: what any consumer doing that much would reach).
 */
export async function bareConsume(
  kafka: Kafka,
  topic: string,
  count: number,
  work?: { readonly name: string; readonly onValue: (value: Buffer) => unknown },
): Promise<{ figure: Figure; cpuSeconds: number }> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let startedAt = 0n;
  let cpuAtStart = process.cpuUsage();
  const done = new Promise<bigint>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (startedAt === 0n) {
          startedAt = process.hrtime.bigint();
          cpuAtStart = process.cpuUsage();
        }
        if (work !== undefined)
          for (const { value } of batch.messages) if (value !== null) work.onValue(value);
        seen += batch.messages.length;
        if (seen >= count) resolve(process.hrtime.bigint());
      },
    });
  });
  const endedAt = await done;
  const cpu = process.cpuUsage(cpuAtStart);
  await consumer.disconnect();
  return {
    figure: figure(work?.name ?? '(a) kafkajs consume, no work (ceiling)', count, startedAt, endedAt),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** How long a run may go without a commit before it is reported as stalled. */
const STALL_MS = 60_000;

/** Runs a KafkaSource into a BatchSink until every partition is committed to `ends`; timed from the first batch. */
export async function eventflakeConsume(
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
  let batches = 0;
  source.on('source.batch_start', () => {
    batches += 1;
    if (startedAt !== 0n) return;
    startedAt = process.hrtime.bigint();
    cpuAtStart = process.cpuUsage();
  });
  const committed = new Map<number, bigint>();
  let stalled: ReturnType<typeof setInterval> | undefined;
  const done = new Promise<bigint>((resolve, reject) => {
    // A run that stops committing fails with what it saw rather than hanging the bench.
    let lastProgress = Date.now();
    stalled = setInterval(() => {
      if (Date.now() - lastProgress < STALL_MS) return;
      const show = (m: Map<number, bigint>) => [...m].map(([p, o]) => `${p}:${o}`).join(' ');
      reject(
        new Error(
          `${name}: no commit for ${STALL_MS / 1000} s; committed ${show(committed)}, ends ${show(ends)}, ${batches} batches seen`,
        ),
      );
    }, 1_000);
    source.on('source.commit', ({ offsets }) => {
      lastProgress = Date.now();
      for (const { partition, offset } of offsets) committed.set(partition, BigInt(offset));
      if ([...ends].every(([p, end]) => (committed.get(p) ?? -1n) >= end)) resolve(process.hrtime.bigint());
    });
  });
  const running = source.run(sink);
  const endedAt = await Promise.race([
    done,
    running.then(() => Promise.reject(new Error(`${name}: source ended early`))),
  ]).finally(() => clearInterval(stalled));
  const cpu = process.cpuUsage(cpuAtStart);
  await source.stop();
  await running;
  await sink.close();
  const items = total(ends);
  return { figure: figure(name, items, startedAt, endedAt), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** A figure from hrtime stamps. */
export function figure(name: string, items: number, startedAt: bigint, endedAt: bigint): Figure {
  const seconds = Number(endedAt - startedAt) / 1e9;
  return { name, items, seconds, itemsPerSecond: items / seconds };
}

/** The faster of two measurements of the same phase. */
export function faster<T extends { figure: Figure }>(a: T, b: T): T {
  return b.figure.itemsPerSecond > a.figure.itemsPerSecond ? b : a;
}
