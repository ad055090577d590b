import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import {
  createGenerator,
  type Envelope,
  KafkaProducer,
  wineShop,
  wineShopRegistry,
} from '../../src/index.js';

/** End offset of each partition of the bench topic. */
export type Ends = Map<number, bigint>;

const EVENT_BYTES = 1_024;
/** Text fields that can be lengthened to reach 1 KB without breaking the schema, with their max length. */
const PADDABLE: ReadonlyArray<readonly [string, number]> = [
  ['shipping_address', 500],
  ['reason', 500],
  ['warehouse_location', 200],
];

/** Wine-shop events with a text field lengthened so each envelope is about 1 KB of JSON, still valid. */
export function oneKbEvents(count: number, seed: number): Envelope[] {
  return createGenerator(wineShop, { seed }).take(count).map(padToOneKb);
}

/**
 * Produces `count` 1 KB events in chunks, so a 1,000,000-event topic never sits in this process's heap
 * (the memory phase measures RSS afterwards).
 */
export async function sendOneKbEvents(
  kafka: Kafka,
  topic: string,
  count: number,
  seed: number,
): Promise<void> {
  const generator = createGenerator(wineShop, { seed });
  for (let sent = 0; sent < count; sent += CHUNK) {
    await send(kafka, topic, generator.take(Math.min(CHUNK, count - sent)).map(padToOneKb));
  }
}

const CHUNK = 20_000;

function padToOneKb(event: Envelope): Envelope {
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
}

export async function newTopic(admin: Admin): Promise<string> {
  const topic = `bench-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  return topic;
}

export async function send(kafka: Kafka, topic: string, events: readonly Envelope[]): Promise<void> {
  const producer = new KafkaProducer({ kafka, topic, maxBatchMessages: 1_000, key: 'event_id' });
  try {
    await producer.send(events);
  } finally {
    await producer.disconnect();
  }
}

export async function endOffsets(admin: Admin, topic: string): Promise<Ends> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
}

export function total(ends: Ends): number {
  return Number([...ends.values()].reduce((a, b) => a + b, 0n));
}
