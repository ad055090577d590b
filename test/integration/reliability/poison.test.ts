import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import type { DeadLetter, DeadLetterCode } from '../../../src/sink/dead-letter.js';
import { JsonlFileDeadLetterQueue, readDeadLetters } from '../../../src/sink/jsonl-file-dead-letter-queue.js';
import { orderEvent } from '../../unit/sink/support/events.js';
import {
  endOffsets,
  groupOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  rawCounts,
  sourceOptions,
  wineShopEvents,
  wineShopSink,
} from '../kafka/support.js';
import { runUntilCommitted } from './support.js';

const ctx = kafkaTestContext('poison');

const VALID = 3_000;
/** A poison record every this many valid ones, so bad records sit among good ones on every partition. */
const EVERY = 100;
/** 600 times the 500 characters shipping_address allows, still under the broker's 1 MB message limit. */
const OVERSIZED_CHARS = 300_000;

interface Poison {
  readonly kind: string;
  readonly value: string | Buffer;
  readonly reason: DeadLetterCode;
}

function withData(data: Record<string, unknown>): string {
  const event = orderEvent(9_000);
  return JSON.stringify({ ...event, event_data: { ...(event.event_data as object), ...data } });
}

const poisons: readonly Poison[] = [
  { kind: 'not-json', value: 'order 42 shipped', reason: 'invalid_json' },
  { kind: 'truncated-json', value: '{"event_id": "00000000-', reason: 'invalid_json' },
  { kind: 'empty', value: '', reason: 'invalid_json' },
  { kind: 'nul-bytes', value: Buffer.from([0, 0, 0, 0]), reason: 'invalid_json' },
  {
    kind: 'binary',
    value: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x80]),
    reason: 'invalid_encoding',
  },
  { kind: 'wrong-type', value: withData({ quantity: 'three' }), reason: 'invalid_event' },
  { kind: 'extra-field', value: withData({ gift_wrap: true }), reason: 'invalid_event' },
  { kind: 'bare-envelope', value: JSON.stringify({ event_type: 'ORDER_CREATED' }), reason: 'invalid_event' },
  { kind: 'not-an-object', value: '[1, 2, 3]', reason: 'invalid_event' },
  {
    kind: 'oversized',
    value: withData({ shipping_address: 'x'.repeat(OVERSIZED_CHARS) }),
    reason: 'invalid_event',
  },
  {
    kind: 'unknown-type',
    value: JSON.stringify({ ...orderEvent(9_001), event_type: 'WINE_TASTING_BOOKED' }),
    reason: 'unknown_event_type',
  },
];

describe('poison messages mixed into valid traffic', () => {
  it('dead-letters every poison record with its reason and lineage, lands every valid one, commits to the end', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'poison', 3);
    const messages: Array<{ key: string; value: string | Buffer }> = [];
    const expected = new Map<string, Poison>();
    for (const [i, event] of wineShopEvents(VALID, 61).entries()) {
      messages.push({ key: event.event_id, value: JSON.stringify(event) });
      if (i % EVERY === EVERY - 1) {
        const poison = poisons[expected.size % poisons.length] as Poison;
        const key = `poison-${poison.kind}-${i}`;
        expected.set(key, poison);
        messages.push({ key, value: poison.value });
      }
    }
    await ctx.producer({ topic, maxBatchMessages: 200 }).sendMessages(topic, messages);
    const ends = await endOffsets(admin, topic);

    const dir = mkdtempSync(join(tmpdir(), 'eventflake-poison-'));
    const dlqPath = join(dir, 'dead-letters.jsonl');
    const deadLetterQueue = new JsonlFileDeadLetterQueue({ path: dlqPath });
    const sink = wineShopSink(warehouse, { deadLetterQueue });
    const groupId = newGroupId('poison');
    const letters: DeadLetter[] = [];
    try {
      await runUntilCommitted(
        new KafkaSource(sourceOptions(kafka, groupId, topic)),
        sink,
        { admin, groupId, topic },
        ends,
        60_000,
      );
      await sink.close();
      await deadLetterQueue.close();
      for await (const letter of readDeadLetters(dlqPath)) letters.push(letter);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect(await rawCounts(warehouse)).toEqual({ rows: VALID, distinct: VALID });
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
    const byKey = new Map(letters.map((letter) => [String(letter.lineage.key), letter]));
    expect(letters).toHaveLength(expected.size);
    expect([...byKey.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, poison] of expected) {
      const letter = byKey.get(key);
      expect({ key, reason: letter?.reason.code }).toEqual({ key, reason: poison.reason });
      expect(letter?.reason.message).not.toBe('');
      expect(letter?.lineage).toMatchObject({
        topic,
        partition: expect.any(Number),
        offset: expect.any(Number),
      });
      // The record is kept exactly as received, binary included.
      const original = Buffer.isBuffer(poison.value) ? poison.value : Buffer.from(poison.value, 'utf8');
      const kept = Buffer.from(letter?.value ?? '', letter?.valueEncoding === 'base64' ? 'base64' : 'utf8');
      expect(kept.equals(original)).toBe(true);
      if (poison.reason !== 'invalid_json' && poison.reason !== 'invalid_encoding') {
        expect(letter?.reason.issues?.length).toBeGreaterThan(0);
      }
    }
    const oversized = letters.find((letter) => String(letter.lineage.key).startsWith('poison-oversized'));
    expect(oversized?.reason.issues?.map((issue) => issue.path.join('.'))).toEqual([
      'event_data.shipping_address',
    ]);
    // Poison sat on every partition, among valid records.
    expect(new Set(letters.map((letter) => letter.lineage.partition)).size).toBe(3);
  });
});
