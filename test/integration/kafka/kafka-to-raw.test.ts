import { describe, expect, it } from 'vitest';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import { produce } from '../../../src/kafka/produce.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import { invalidOrderEvent, orderEvent } from '../../unit/sink/support/events.js';
import {
  consumeAll,
  endOffsets,
  groupOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  RAW,
  rawCounts,
  sourceOptions,
  total,
  wineShopEvents,
  wineShopSink,
} from './support.js';

const ctx = kafkaTestContext('kafka-to-raw');

describe('KafkaProducer → KafkaSource → BatchSink → DuckDB RAW', () => {
  it('lands 5,000 generated events exactly once and commits every partition to its end offset', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'e2e');
    const producer = ctx.producer({ topic });
    const events = wineShopEvents(5_000, 4242);
    const progress: number[] = [];
    const { sent } = await produce(producer, events, {
      batchSize: 700,
      onSent: ({ sent }) => progress.push(sent),
    });
    expect(sent).toBe(5_000);
    expect(progress.at(-1)).toBe(5_000);
    const ends = await endOffsets(admin, topic);
    expect(total(ends)).toBe(5_000);

    const groupId = newGroupId('e2e');
    const source = new KafkaSource({ ...sourceOptions(kafka, groupId, topic), maxRecordsPerWrite: 400 });
    await consumeAll(source, wineShopSink(warehouse), ends);

    expect(await rawCounts(warehouse)).toEqual({ rows: 5_000, distinct: 5_000 });
    const ids = await warehouse.execute(`SELECT "EVENT_ID" AS id FROM ${RAW}`);
    expect(new Set(ids.map((row) => row.id))).toEqual(new Set(events.map((event) => event.event_id)));
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
  });

  it('keys records by product_id and carries event type, schema version, id and offsets in RAW lineage', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'lineage');
    const producer = ctx.producer({ topic });
    await producer.send(wineShopEvents(300, 7));
    const ends = await endOffsets(admin, topic);
    const source = new KafkaSource(sourceOptions(kafka, newGroupId('lineage'), topic));
    await consumeAll(source, wineShopSink(warehouse), ends);

    const rows =
      await warehouse.execute(`SELECT "EVENT_ID" AS id, "EVENT_TYPE" AS type, "PRODUCT_ID" AS product,
        json_extract_string("EVENT_METADATA", '$.topic') AS topic,
        CAST(json_extract_string("EVENT_METADATA", '$.partition') AS INTEGER) AS partition,
        CAST(json_extract_string("EVENT_METADATA", '$.offset') AS BIGINT) AS "offset",
        json_extract_string("EVENT_METADATA", '$.key') AS "key",
        json_extract_string("EVENT_METADATA", '$.headers.event_type') AS header_type,
        json_extract_string("EVENT_METADATA", '$.headers.schema_version') AS header_version,
        json_extract_string("EVENT_METADATA", '$.headers.event_id') AS header_id,
        CAST(json_extract_string("EVENT_METADATA", '$.timestamp') AS BIGINT) AS ts
      FROM ${RAW}`);
    expect(rows).toHaveLength(300);
    const byPartition = new Map<number, bigint[]>();
    const partitionOfProduct = new Map<string, number>();
    for (const row of rows) {
      expect(row.topic).toBe(topic);
      expect(row.key).toBe(row.product);
      expect(row.header_type).toBe(row.type);
      expect(row.header_version).toBe('1');
      expect(row.header_id).toBe(row.id);
      expect(Number(row.ts)).toBeGreaterThan(0);
      const partition = Number(row.partition);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), BigInt(String(row.offset))]);
      // One key, one partition: a product's events stay in order.
      const product = String(row.product);
      expect(partitionOfProduct.get(product) ?? partition).toBe(partition);
      partitionOfProduct.set(product, partition);
    }
    for (const [partition, end] of ends) {
      const offsets = (byPartition.get(partition) ?? []).sort((a, b) => (a < b ? -1 : 1));
      expect(offsets).toEqual(Array.from({ length: Number(end) }, (_, i) => BigInt(i)));
    }
  });

  it('dead-letters non-JSON and schema-invalid records with their lineage, and still commits past them', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'dlq', 2);
    const producer = ctx.producer({ topic });
    const valid = Array.from({ length: 400 }, (_, i) => orderEvent(i));
    // All on partition 0, in one request: consecutive offsets there.
    const bad = [
      { partition: 0, key: 'bad-1', value: '{"event_id": "truncated', headers: { origin: 'test' } },
      { partition: 0, key: 'bad-2', value: JSON.stringify(invalidOrderEvent(9_001)) },
      {
        partition: 0,
        key: 'bad-3',
        value: Buffer.from([0xff, 0xfe, 0x00]),
        headers: { raw: Buffer.from([0x80]) },
      },
      { partition: 0, key: 'bad-4', value: null },
    ];
    const asMessage = (event: Record<string, unknown>) => ({
      key: String(event.event_id),
      value: JSON.stringify(event),
    });
    await producer.sendMessages(topic, valid.slice(0, 200).map(asMessage));
    await producer.sendMessages(topic, bad);
    await producer.sendMessages(topic, valid.slice(200).map(asMessage));
    const ends = await endOffsets(admin, topic);
    const dlq = new MemoryDeadLetterQueue();
    const groupId = newGroupId('dlq');
    const source = new KafkaSource(sourceOptions(kafka, groupId, topic));
    await consumeAll(source, wineShopSink(warehouse, { deadLetterQueue: dlq }), ends);

    expect(await rawCounts(warehouse)).toEqual({ rows: 400, distinct: 400 });
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
    const letters = [...dlq.letters].sort((a, b) => Number(a.lineage.offset) - Number(b.lineage.offset));
    expect(letters.map((l) => [l.lineage.key, l.reason.code])).toEqual([
      ['bad-1', 'invalid_json'],
      ['bad-2', 'invalid_event'],
      ['bad-3', 'invalid_encoding'],
      ['bad-4', 'invalid_json'],
    ]);
    const firstOffset = Number(letters[0]?.lineage.offset);
    for (const [i, letter] of letters.entries()) {
      expect(letter.lineage).toMatchObject({ topic, partition: 0, offset: firstOffset + i });
    }
    expect(letters[0]?.lineage.headers).toEqual({ origin: 'test' });
    expect(letters[2]?.lineage.headers).toEqual({ raw: { base64: 'gA==' } });
    expect(letters[2]?.value).toBe(Buffer.from([0xff, 0xfe, 0x00]).toString('base64'));
  });
});
