import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Admin,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel,
} from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Checks the real broker and kafkajs behave as the Kafka source relies on: keyed, headed messages
// arrive intact, and a consumer group resumes from its last explicit commit, not from what it read.

const MESSAGE_COUNT = 1_000;

interface SentMessage {
  key: string;
  value: string;
  eventId: string;
  checksum: Buffer;
}

interface ReceivedMessage {
  partition: number;
  offset: bigint;
  message: KafkaMessage;
}

function brokersFromSetup(): string {
  const brokers = inject('kafkaBrokers');
  if (!brokers) {
    throw new Error('No Kafka broker was started: run with EVENTFLAKE_TEST_SERVICES including kafka');
  }
  return brokers;
}

const kafka = new Kafka({
  clientId: 'eventflake-kafka-smoke',
  brokers: [brokersFromSetup()],
  logLevel: logLevel.NOTHING,
});
const topic = `eventflake-smoke-${randomUUID()}`;
const sentByKey = new Map<string, SentMessage>();
/** Messages per partition, read back from the broker once everything is produced. */
const partitionEnds = new Map<number, bigint>();
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  expect(created).toBe(true);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < MESSAGE_COUNT; i++) {
      // Non-ASCII key and arbitrary binary header bytes: both must survive without re-encoding.
      const sent = {
        key: `commande-château-${String(i).padStart(4, '0')}`,
        value: JSON.stringify({ seq: i, wine: 'Côte-Rôtie', bottles: (i % 12) + 1 }),
        eventId: randomUUID(),
        checksum: randomBytes(8),
      };
      sentByKey.set(sent.key, sent);
    }
    await producer.send({
      topic,
      acks: -1,
      messages: [...sentByKey.values()].map((m) => ({
        key: m.key,
        value: m.value,
        headers: { 'event-type': 'order.placed', 'event-id': m.eventId, checksum: m.checksum },
      })),
    });
  } finally {
    await producer.disconnect();
  }
  for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
    expect(low).toBe('0');
    partitionEnds.set(partition, BigInt(high));
  }
});

afterAll(async () => {
  await admin?.disconnect();
});

describe('kafkajs against the test broker', () => {
  it('delivers every produced message once, with key, value and headers intact', async () => {
    const received = await consume(`smoke-intact-${randomUUID()}`, (all) => all.length >= MESSAGE_COUNT);

    expect(received).toHaveLength(MESSAGE_COUNT);
    const keys = received.map(({ message }) => message.key?.toString('utf8'));
    expect(new Set(keys)).toEqual(new Set(sentByKey.keys()));
    for (const { message } of received) expectSameAsSent(message);
  });

  it('resumes a restarted group member right after the last committed offset', async () => {
    const groupId = `smoke-resume-${randomUUID()}`;
    // Keys spread over all partitions; with fewer than 2 messages a partition has no midpoint to commit.
    for (const end of partitionEnds.values()) expect(end).toBeGreaterThanOrEqual(2n);
    // Commit only half of each partition while reading all of it: the restart must follow the commit.
    const commitAt = new Map([...partitionEnds].map(([partition, end]) => [partition, end / 2n]));
    const committed = new Set<number>();

    const firstRun = await consume(
      groupId,
      (all) => all.length >= MESSAGE_COUNT && committed.size === commitAt.size,
      async ({ partition, offset }, { commitOffsetsIfNecessary }) => {
        if (offset + 1n !== commitAt.get(partition)) return;
        // With autoCommit off, commitOffsetsIfNecessary() commits nothing unless given the offsets.
        await commitOffsetsIfNecessary({
          topics: [{ topic, partitions: [{ partition, offset: String(offset + 1n) }] }],
        });
        committed.add(partition);
      },
    );
    expect(firstRun).toHaveLength(MESSAGE_COUNT);

    const [groupOffsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const stored = new Map(groupOffsets?.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    expect(stored).toEqual(commitAt);

    const secondRun = await consume(groupId, (all) =>
      [...partitionEnds].every(([partition, end]) =>
        all.some((r) => r.partition === partition && r.offset === end - 1n),
      ),
    );

    for (const [partition, end] of partitionEnds) {
      const offsets = secondRun.filter((r) => r.partition === partition).map((r) => r.offset);
      expect(offsets).toEqual(range(commitAt.get(partition) ?? -1n, end));
    }
    for (const { message } of secondRun) expectSameAsSent(message);
  });
});

type AfterMessage = (received: ReceivedMessage, payload: EachBatchPayload) => Promise<void>;

/**
 * Runs a consumer in `groupId` with manual commits, recording and resolving every message, until
 * `isDone` holds for what it received; then leaves the group. Leaving commits nothing (autoCommit off),
 * so only what `afterMessage` committed survives.
 */
async function consume(
  groupId: string,
  isDone: (received: ReceivedMessage[]) => boolean,
  afterMessage?: AfterMessage,
): Promise<ReceivedMessage[]> {
  const received: ReceivedMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      // A retriable crash (e.g. "the coordinator is loading" on a fresh broker) restarts the consumer by
      // itself; only a crash kafkajs will not recover from fails the test.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            for (const message of batch.messages) {
              const record = { partition: batch.partition, offset: BigInt(message.offset), message };
              received.push(record);
              payload.resolveOffset(message.offset);
              await afterMessage?.(record, payload);
            }
            await payload.heartbeat();
            if (isDone(received)) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function expectSameAsSent(message: KafkaMessage): void {
  const sent = sentByKey.get(message.key?.toString('utf8') ?? '');
  expect(sent).toBeDefined();
  expect(message.value?.toString('utf8')).toBe(sent?.value);
  expect(headerBytes(message.headers, 'event-type').toString('utf8')).toBe('order.placed');
  expect(headerBytes(message.headers, 'event-id').toString('utf8')).toBe(sent?.eventId);
  expect(headerBytes(message.headers, 'checksum').equals(sent?.checksum ?? Buffer.alloc(0))).toBe(true);
}

function headerBytes(headers: IHeaders | undefined, name: string): Buffer {
  const value = headers?.[name];
  if (Buffer.isBuffer(value)) return value;
  throw new Error(
    `header ${name} arrived as ${Array.isArray(value) ? 'a list' : typeof value}, not one Buffer`,
  );
}

function range(from: bigint, to: bigint): bigint[] {
  const values: bigint[] = [];
  for (let value = from; value < to; value++) values.push(value);
  return values;
}
