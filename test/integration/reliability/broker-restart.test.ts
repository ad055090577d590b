import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashInfo } from '../../../src/kafka/instrumentation-events.js';
import { KafkaProducer } from '../../../src/kafka/kafka-producer.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import { type RunningKafka, startKafka } from '../../setup/kafka-broker.js';
import {
  CountingWarehouse,
  endOffsets,
  groupOffsets,
  newGroupId,
  newTopic,
  rawCounts,
  rawWarehouse,
  wineShopEvents,
  wineShopSink,
} from '../kafka/support.js';
import { untilGroupCommitted } from './support.js';

const BEFORE = 20_000;
const AFTER = 10_000;

describe('broker restart during consumption', () => {
  // A private broker: restarting the shared one would disturb every other test file.
  let broker: RunningKafka | undefined;
  let kafka: Kafka;
  let admin: Admin;
  beforeAll(async () => {
    broker = await startKafka();
    kafka = new Kafka({
      clientId: 'eventflake-broker-restart',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect().catch(() => undefined);
    await broker?.stop();
  });

  async function send(topic: string, count: number, seed: number): Promise<void> {
    const producer = new KafkaProducer({ kafka, topic, maxBatchMessages: 1_000 });
    try {
      await producer.send(wineShopEvents(count, seed));
    } finally {
      await producer.disconnect();
    }
  }

  it('a broker killed and restarted on the same port and data mid-run: the source recovers and RAW loses and repeats nothing', async () => {
    if (!broker) throw new Error('no private broker');
    const topic = await newTopic(admin, 'broker-restart');
    await send(topic, BEFORE, 71);
    const warehouse = await rawWarehouse();
    // Slow inserts keep the run going while the broker is down.
    const slow = new CountingWarehouse(warehouse, 25);
    const dlq = new MemoryDeadLetterQueue();
    const sink = wineShopSink(slow, { maxBatchEvents: 500, deadLetterQueue: dlq });
    const groupId = newGroupId('broker-restart');
    const source = new KafkaSource({
      kafka,
      groupId,
      topics: [topic],
      consumer: { maxWaitTimeInMs: 100, maxBytesPerPartition: 65_536 },
    });
    const crashes: CrashInfo[] = [];
    source.on('source.crash', (info) => crashes.push(info));
    let landed = 0;
    sink.on('flush', ({ inserted }) => {
      landed += inserted;
    });
    const running = source.run(sink);
    let failed: unknown;
    running.catch((error: unknown) => {
      failed = error;
    });
    try {
      while (landed < 4_000) {
        if (failed !== undefined) throw failed;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const landedAtRestart = landed;
      await broker.restart({ kill: true, downtimeMs: 3_000 });
      expect(landedAtRestart).toBeLessThan(BEFORE);
      // The restarted broker kept the topic: new records follow the old ones.
      await send(topic, AFTER, 72);
      const ends = await endOffsets(admin, topic);
      expect([...ends.values()].reduce((a, b) => a + b, 0n)).toBe(BigInt(BEFORE + AFTER));
      await untilGroupCommitted(admin, groupId, topic, ends, 120_000);
      expect(failed).toBeUndefined();
      expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
    } finally {
      await source.stop();
      await running.catch(() => undefined);
      await sink.close();
    }
    expect(await rawCounts(warehouse)).toEqual({ rows: BEFORE + AFTER, distinct: BEFORE + AFTER });
    expect(dlq.letters).toEqual([]);
    await warehouse.close();
    console.log(`[broker-restart] kafkajs consumer crashes seen and restarted: ${crashes.length}`);
  }, 240_000);
});
