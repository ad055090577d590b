import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Kafka } from 'kafkajs';
import type { Figure } from '../measure.js';
import type { FloorAnswer, FloorBatch } from './floor-worker.js';

/** Batches handed over and not yet answered: enough to keep the worker busy, few enough to bound memory. */
const IN_FLIGHT = 4;

const WORKER_FLOOR_NAME = '(a3) (a2) on a worker thread';

/**
 * Floor (a3): the bare consumer of (a) hands each batch's values, copied back to back into one transferred
 * buffer, to a worker thread that decodes and matches them as (a2) does. It asks whether moving the
 * validation off the consumer's thread could reach (c)'s target on this machine: the consumer, the worker
 * and the broker share its cores. Timed from the first batch until the worker has read every value.
 */
export async function workerFloor(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<{ figure: Figure; cpuSeconds: number }> {
  const worker = await startFloorWorker();
  const consumer = kafka.consumer({ groupId: `bench-floor-${randomUUID()}`, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let read = 0;
    let answered = 0;
    let sent = 0;
    let startedAt = 0n;
    let cpuAtStart = process.cpuUsage();
    const waiting: Array<() => void> = [];
    const done = new Promise<bigint>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', ({ values }: FloorAnswer) => {
        read += values;
        answered += 1;
        waiting.shift()?.();
        if (read >= count) resolve(process.hrtime.bigint());
      });
    });
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (startedAt === 0n) {
          startedAt = process.hrtime.bigint();
          cpuAtStart = process.cpuUsage();
        }
        while (sent - answered >= IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
        const message = packBatch(batch.messages.map((m) => m.value).filter((v) => v !== null));
        sent += 1;
        worker.postMessage(message, [message.bytes, message.ends]);
      },
    });
    const endedAt = await done;
    const cpu = process.cpuUsage(cpuAtStart);
    const seconds = Number(endedAt - startedAt) / 1e9;
    return {
      figure: { name: WORKER_FLOOR_NAME, items: count, seconds, itemsPerSecond: count / seconds },
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await consumer.disconnect();
    await worker.terminate();
  }
}

function packBatch(values: readonly Buffer[]): FloorBatch {
  const endsBuffer = new ArrayBuffer(4 * values.length);
  const ends = new Int32Array(endsBuffer);
  let total = 0;
  for (const [i, value] of values.entries()) {
    total += value.length;
    ends[i] = total;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const value of values) {
    bytes.set(value, at);
    at += value.length;
  }
  return { bytes: bytes.buffer, ends: endsBuffer };
}

/** The worker runs TypeScript like the bench: it registers tsx before importing its module. */
async function startFloorWorker(): Promise<Worker> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const module = new URL('./floor-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  // The module is ready once it listens; a first empty batch proves it.
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
    const empty: FloorBatch = { bytes: new ArrayBuffer(0), ends: new ArrayBuffer(0) };
    worker.postMessage(empty);
  });
  return worker;
}
