import type { IHeaders, KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../../src/generate/generator.js';
import { wineShop } from '../../../src/generate/wine-shop/domain.js';
import { DLQ_HEADER_PREFIX, KafkaDeadLetterQueue } from '../../../src/kafka/kafka-dead-letter-queue.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import { produce } from '../../../src/kafka/produce.js';
import { orderEvent } from '../../unit/sink/support/events.js';
import {
  consumeAll,
  endOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  rawCounts,
  sourceOptions,
  total,
  untilCommitted,
  wineShopEvents,
  wineShopSink,
} from './support.js';

const ctx = kafkaTestContext('producer');

interface Received {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Every message of `topic` up to its end offsets, read by a throwaway group. */
async function readTopic(topic: string): Promise<Received[]> {
  const ends = await endOffsets(ctx.admin, topic);
  const received: Received[] = [];
  const consumer = ctx.kafka.consumer({ groupId: newGroupId('reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const read = new Map<number, bigint>();
    const running = consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) received.push({ partition: batch.partition, message });
        read.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
      },
    });
    await untilCommitted(read, ends, [running.then(() => new Promise<void>(() => {}))]);
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
}

describe('KafkaProducer', () => {
  it('produce() drains a generator in batches: keyed by the chosen field, headed, gzip, in order per key', async () => {
    const topic = await newTopic(ctx.admin, 'produce');
    const producer = ctx.producer({ topic, key: 'customer_id', compression: 'gzip', maxBatchMessages: 40 });
    const sends: number[] = [];
    const { sent } = await produce(producer, createGenerator(wineShop, { seed: 31 }), {
      rate: 5_000,
      count: 300,
      batchSize: 120,
      // Long enough never to fire here: batches close on size, so the split below is exact.
      lingerMs: 60_000,
      onSent: (progress) => sends.push(progress.sent),
    });
    expect(sent).toBe(300);
    expect(sends).toEqual([120, 240, 300]);

    const expected = wineShopEvents(300, 31);
    const received = await readTopic(topic);
    expect(received).toHaveLength(300);
    const byId = new Map(expected.map((event, index) => [event.event_id, { event, index }]));
    const lastIndexOfKey = new Map<string, number>();
    const partitionOfKey = new Map<string, number>();
    for (const { partition, message } of received.sort(
      (a, b) => Number(a.message.offset) - Number(b.message.offset),
    )) {
      const value = JSON.parse(message.value?.toString('utf8') ?? 'null');
      const sentAs = byId.get(value.event_id);
      expect(value).toEqual(sentAs?.event);
      // Inventory adjustments have no customer: no key, spread by the partitioner.
      const key = message.key === null ? null : message.key.toString('utf8');
      expect(key).toBe(sentAs?.event.customer_id);
      expect(header(message.headers, 'event_type')).toBe(value.event_type);
      expect(header(message.headers, 'schema_version')).toBe('1');
      expect(header(message.headers, 'event_id')).toBe(value.event_id);
      if (key === null) continue;
      expect(partitionOfKey.get(key) ?? partition).toBe(partition);
      partitionOfKey.set(key, partition);
      // Within its partition, a customer's events come in the order they were generated.
      expect(sentAs?.index).toBeGreaterThan(lastIndexOfKey.get(key) ?? -1);
      lastIndexOfKey.set(key, sentAs?.index ?? -1);
    }
  });

  it('KafkaDeadLetterQueue sends bad records to a DLQ topic with their bytes, key, headers and context', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'dlq-source', 1);
    const dlqTopic = await newTopic(admin, 'dlq-target', 1);
    const producer = ctx.producer({ topic });
    await producer.sendMessages(topic, [
      { key: 'good', value: JSON.stringify(orderEvent(1)) },
      { key: 'not-json', value: 'café {', headers: { trace: 'abc' } },
      { key: Buffer.from([0xc3]), value: Buffer.from([0xff, 0x01]) },
    ]);
    const ends = await endOffsets(admin, topic);
    const dlq = new KafkaDeadLetterQueue({ producer, topic: dlqTopic });
    const source = new KafkaSource(sourceOptions(kafka, newGroupId('dlq'), topic));
    await consumeAll(source, wineShopSink(warehouse, { deadLetterQueue: dlq }), ends);
    expect(await rawCounts(warehouse)).toEqual({ rows: 1, distinct: 1 });

    const letters = (await readTopic(dlqTopic)).map((r) => r.message);
    expect(total(await endOffsets(admin, dlqTopic))).toBe(2);
    const [text, bytes] = letters.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(text?.key?.toString('utf8')).toBe('not-json');
    expect(text?.value?.toString('utf8')).toBe('café {');
    expect(header(text?.headers, 'trace')).toBe('abc');
    expect(header(text?.headers, `${DLQ_HEADER_PREFIX}reason`)).toBe('invalid_json');
    expect(header(text?.headers, `${DLQ_HEADER_PREFIX}topic`)).toBe(topic);
    expect(header(text?.headers, `${DLQ_HEADER_PREFIX}partition`)).toBe('0');
    expect(header(text?.headers, `${DLQ_HEADER_PREFIX}offset`)).toBe('1');
    expect(bytes?.key).toEqual(Buffer.from([0xc3]));
    expect(bytes?.value).toEqual(Buffer.from([0xff, 0x01]));
    expect(header(bytes?.headers, `${DLQ_HEADER_PREFIX}reason`)).toBe('invalid_encoding');
    expect(header(bytes?.headers, `${DLQ_HEADER_PREFIX}offset`)).toBe('2');
  });
});
