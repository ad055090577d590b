import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertInfo, SeekInfo } from '../../../src/kafka/instrumentation-events.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import { DEFAULT_RAW_TABLE, type RawEventRow } from '../../../src/warehouse/raw-layout.js';
import {
  CountingWarehouse,
  consumeAll,
  groupOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  rawCounts,
  sourceOptions,
  total,
  wineShopSink,
} from './support.js';

const ctx = kafkaTestContext('recovery');

/** Small fetches and slices, so a run can be stopped part-way through a partition. */
function smallBatches(groupId: string, topic: string) {
  return {
    ...sourceOptions(ctx.kafka, groupId, topic),
    consumer: { maxWaitTimeInMs: 100, maxBytesPerPartition: 16_384 },
    maxRecordsPerWrite: 50,
  };
}

/** Runs `source` and stops it from its own listener once `batches` batches have started. */
async function runAndStopAfter(source: KafkaSource, batches: number, stop: () => void): Promise<void> {
  let started = 0;
  source.on('source.batch_start', () => {
    started += 1;
    if (started === batches) stop();
  });
  await source.run(wineShopSink(ctx.warehouse));
}

describe('KafkaSource recovery', () => {
  it('stops gracefully on SIGTERM part-way, commits exactly what landed, and a restart loses and repeats nothing', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'sigterm');
    const ends = await ctx.produceEvents(topic, 3_000, 11);
    const groupId = newGroupId('sigterm');

    const first = new KafkaSource({ ...smallBatches(groupId, topic), signals: ['SIGTERM'] });
    await runAndStopAfter(first, 4, () => process.emit('SIGTERM', 'SIGTERM'));
    expect(process.listenerCount('SIGTERM')).toBe(0);

    const committed = await groupOffsets(admin, groupId, topic);
    const landed = await rawCounts(warehouse);
    expect(total(committed)).toBeGreaterThan(0);
    expect(total(committed)).toBeLessThan(3_000);
    // Graceful: everything written was flushed and committed, nothing more.
    expect(landed).toEqual({ rows: total(committed), distinct: total(committed) });

    await consumeAll(new KafkaSource(sourceOptions(kafka, groupId, topic)), wineShopSink(warehouse), ends);
    expect(await rawCounts(warehouse)).toEqual({ rows: 3_000, distinct: 3_000 });
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
  });

  it('after a lost commit, resume from warehouse seeks past what RAW holds and offers no row twice', async () => {
    const { admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'resume');
    const ends = await ctx.produceEvents(topic, 1_500, 12);
    const groupId = newGroupId('resume');
    const first = new KafkaSource(smallBatches(groupId, topic));
    await runAndStopAfter(first, 5, () => void first.stop());
    const landedThrough = await groupOffsets(admin, groupId, topic);
    const landed = (await rawCounts(warehouse)).rows;
    expect(landed).toBe(total(landedThrough));

    // The crash: RAW has the rows but the group forgot its commits.
    const partitions = [...ends.keys()].map((partition) => ({ partition, offset: '0' }));
    await admin.setOffsets({ groupId, topic, partitions });
    expect(total(await groupOffsets(admin, groupId, topic))).toBe(0);

    const counting = new CountingWarehouse(warehouse);
    const second = new KafkaSource({
      ...smallBatches(groupId, topic),
      resumeFromWarehouse: { warehouse: counting, table: DEFAULT_RAW_TABLE },
    });
    const seeks: SeekInfo[] = [];
    second.on('source.seek', (seek) => seeks.push(seek));
    await consumeAll(second, wineShopSink(counting), ends);

    expect(counting.offered).toBe(1_500 - landed);
    expect(await rawCounts(warehouse)).toEqual({ rows: 1_500, distinct: 1_500 });
    expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
    const expectedSeeks = [...landedThrough]
      .filter(([, offset]) => offset > 0n)
      .map(([partition, offset]) => ({ topic, partition, from: '0', to: String(offset) }));
    expect(seeks.sort((a, b) => a.partition - b.partition)).toEqual(expectedSeeks);
  });

  it('does not trust RAW offsets past the high watermark or of other records (recreated topic): alerts and reads all', async () => {
    const { kafka, admin, warehouse } = ctx;
    const topic = await newTopic(admin, 'recreated', 2);
    const ends = await ctx.produceEvents(topic, 200, 13);
    expect(ends.get(1)).toBeGreaterThan(5n);
    // Rows an earlier life of the topic left: partition 0 up to offset 999, partition 1 with other timestamps.
    const stale = [
      ...Array.from({ length: 1_000 }, (_, offset) => staleRow(topic, 0, offset)),
      ...Array.from({ length: 5 }, (_, offset) => staleRow(topic, 1, offset)),
    ];
    await warehouse.insertRawEvents(DEFAULT_RAW_TABLE, stale);

    const source = new KafkaSource({
      ...sourceOptions(kafka, newGroupId('recreated'), topic),
      resumeFromWarehouse: { warehouse },
    });
    const alerts: AlertInfo[] = [];
    source.on('source.alert', (alert) => alerts.push(alert));
    const seeks: SeekInfo[] = [];
    source.on('source.seek', (seek) => seeks.push(seek));
    await consumeAll(source, wineShopSink(warehouse), ends);

    expect(seeks).toEqual([]);
    const summary = alerts
      .map(({ code, partition, storedThrough, highWatermark }) => ({
        code,
        partition,
        storedThrough,
        highWatermark,
      }))
      .sort((a, b) => a.partition - b.partition);
    expect(summary).toEqual([
      {
        code: 'beyond_high_watermark',
        partition: 0,
        storedThrough: '999',
        highWatermark: String(ends.get(0)),
      },
      { code: 'record_mismatch', partition: 1, storedThrough: '4', highWatermark: String(ends.get(1)) },
    ]);
    expect(alerts[0]?.message).toMatch(/recreated/);
    expect(await rawCounts(warehouse)).toEqual({ rows: 1_205, distinct: 1_205 });
  });
});

function staleRow(topic: string, partition: number, offset: number): RawEventRow {
  return {
    eventId: randomUUID(),
    eventType: 'ORDER_CREATED',
    eventTimestamp: '2025-01-01T00:00:00.000Z',
    productId: null,
    customerId: null,
    eventData: '{}',
    eventMetadata: JSON.stringify({ topic, partition, offset, key: null, headers: {}, timestamp: 1 }),
  };
}
