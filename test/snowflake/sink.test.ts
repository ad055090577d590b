import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wineShopRegistry } from '../../src/events/wine-shop.js';
import { createGenerator } from '../../src/generate/generator.js';
import { wineShop } from '../../src/generate/wine-shop/domain.js';
import { readStoredRun } from '../../src/kafka/resume-from-warehouse.js';
import { BatchSink } from '../../src/sink/batch-sink.js';
import { MemoryDeadLetterQueue } from '../../src/sink/memory-dead-letter-queue.js';
import { DEFAULT_RAW_TABLE } from '../../src/warehouse/raw-layout.js';
import { type ThrowawayDatabase, throwawayDatabase } from './support/account.js';
import { KafkaLikeSource, producedAt } from './support/kafka-like-source.js';
import { applyWineShopFiles, targetOf } from './support/wine-shop-sql.js';

const TOPIC = 'sales_events';
const PER_PARTITION = 600;
const events = createGenerator(wineShop, { seed: 20261123 }).take(2 * PER_PARTITION);
const partitions = [events.slice(0, PER_PARTITION), events.slice(PER_PARTITION)];
const RAW = '"RAW_DATA"."RAW_EVENTS_STREAM"';

describe('BatchSink into RAW on real Snowflake', () => {
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    // 700 binds = 100 rows a statement: every flush of 400 is several statements in one transaction.
    db = await throwawayDatabase('SINK', { maxBindsPerStatement: 700 });
    await applyWineShopFiles(db.warehouse, ['01_setup.sql', '02_tables.sql'], targetOf(db.name));
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function deliver() {
    const deadLetterQueue = new MemoryDeadLetterQueue();
    const sink = new BatchSink({
      warehouse: db.warehouse,
      registry: wineShopRegistry,
      deadLetterQueue,
      maxBatchEvents: 400,
    });
    let inserted = 0;
    let skipped = 0;
    sink.on('flush', (flush) => {
      inserted += flush.inserted;
      skipped += flush.skipped;
    });
    await new KafkaLikeSource(TOPIC, partitions, 200).run(sink);
    await sink.close();
    return { inserted, skipped, deadLetters: deadLetterQueue.letters.length };
  }

  const rawCounts = async () => {
    const [row] = await db.warehouse.execute(
      `SELECT COUNT(*) AS "ROWS", COUNT(DISTINCT "EVENT_ID") AS "IDS",
              COUNT_IF(TYPEOF("EVENT_DATA") = 'OBJECT') AS "PARSED",
              COUNT_IF("EVENT_METADATA":"topic"::VARCHAR = ?) AS "WITH_LINEAGE"
       FROM ${RAW}`,
      [TOPIC],
    );
    return row;
  };

  it('lands every event once, VARIANT columns parsed, and a replayed delivery adds no row', async () => {
    expect(await deliver()).toEqual({ inserted: events.length, skipped: 0, deadLetters: 0 });
    const all = {
      ROWS: events.length,
      IDS: events.length,
      PARSED: events.length,
      WITH_LINEAGE: events.length,
    };
    expect(await rawCounts()).toEqual(all);

    const sample = partitions[1]?.[7];
    if (sample === undefined) throw new Error('the generator made fewer events than asked');
    const [row] = await db.warehouse.execute(
      `SELECT "EVENT_TYPE", "EVENT_TIMESTAMP", "EVENT_DATA", "EVENT_METADATA":"partition"::NUMBER AS "PARTITION",
              "EVENT_METADATA":"offset"::NUMBER AS "OFFSET", "EVENT_METADATA":"source" AS "SOURCE"
       FROM ${RAW} WHERE "EVENT_ID" = ?`,
      [sample.event_id],
    );
    expect(row).toMatchObject({
      EVENT_TYPE: sample.event_type,
      EVENT_DATA: sample.event_data,
      PARTITION: 1,
      OFFSET: 7,
      SOURCE: sample.source,
    });
    expect(row?.EVENT_TIMESTAMP).toEqual(new Date(sample.event_timestamp));

    expect(await deliver()).toEqual({ inserted: 0, skipped: events.length, deadLetters: 0 });
    expect(await rawCounts()).toEqual(all);
  });

  it('finds the gap-free run of offsets RAW holds per topic and partition, which the Kafka source resumes after', async () => {
    const last = BigInt(PER_PARTITION - 1);
    const p0 = { topic: TOPIC, partition: 0 };
    const p1 = { topic: TOPIC, partition: 1 };
    const resume = { warehouse: db.warehouse, table: DEFAULT_RAW_TABLE };
    expect(await readStoredRun(resume, p0, 0n)).toEqual({ through: last, firstTimestamp: producedAt(0) });
    expect(await readStoredRun(resume, p0, 250n)).toEqual({ through: last, firstTimestamp: producedAt(250) });

    // A crash mid-flush: offsets 100–149 of partition 1 never landed.
    await db.warehouse.execute(
      `DELETE FROM ${RAW} WHERE "EVENT_METADATA":"topic"::VARCHAR = ? AND "EVENT_METADATA":"partition"::NUMBER = 1
         AND "EVENT_METADATA":"offset"::NUMBER BETWEEN 100 AND 149`,
      [TOPIC],
    );
    expect(await readStoredRun(resume, p1, 0n)).toEqual({ through: 99n, firstTimestamp: producedAt(0) });
    expect(await readStoredRun(resume, p1, 100n)).toBeUndefined();
    expect(await readStoredRun(resume, p1, 150n)).toEqual({ through: last, firstTimestamp: producedAt(150) });
    expect(await readStoredRun(resume, { topic: TOPIC, partition: 2 }, 0n)).toBeUndefined();
    expect(await readStoredRun(resume, { topic: 'other_topic', partition: 0 }, 0n)).toBeUndefined();
  });
});
