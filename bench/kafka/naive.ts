import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { type Envelope, SnowflakeWarehouse } from '../../src/index.js';
import { RAW_COLUMNS } from '../../src/warehouse/raw-layout.js';
import { startFakesnow } from '../../test/setup/fakesnow-server.js';
import { eventflakeConsume, figure } from './consume.js';
import { endOffsets, newTopic, send } from './topics.js';

/** (d) The seeds' consumer: one INSERT (autocommitted) per event, Kafka auto-commit; and eventflake on the same emulator. */
export async function naiveAgainstFakesnow(kafka: Kafka, admin: Admin, events: readonly Envelope[]) {
  const snow = await startFakesnow();
  const warehouse = await SnowflakeWarehouse.connect(
    { account: 'bench', username: 'bench', password: 'emulator', accessUrl: snow.url, timeoutMs: 30_000 },
    { maxBindsPerStatement: 70 },
  );
  try {
    await warehouse.execute('CREATE DATABASE IF NOT EXISTS BENCH_DB');
    await warehouse.execute('CREATE SCHEMA IF NOT EXISTS BENCH_DB.RAW_DATA');
    const columns = RAW_COLUMNS.map((c) => `${c.name} ${c.snowflake}`).join(', ');
    await warehouse.execute(`CREATE OR REPLACE TABLE BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM (${columns})`);
    const topic = await newTopic(admin);
    await send(kafka, topic, events);
    const ends = await endOffsets(admin, topic);

    const consumer = kafka.consumer({ groupId: `bench-naive-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const insert =
      'INSERT INTO BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM SELECT column1, column2, TO_TIMESTAMP_NTZ(column3), column4, column5, PARSE_JSON(column6), PARSE_JSON(column7), SYSDATE() FROM VALUES (?, ?, ?, ?, ?, ?, ?)';
    let seen = 0;
    let startedAt = 0n;
    const done = new Promise<bigint>((resolve, reject) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (startedAt === 0n) startedAt = process.hrtime.bigint();
          const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as Envelope;
          const metadata = JSON.stringify({ topic, partition, offset: Number(message.offset) });
          await warehouse
            .execute(insert, [
              event.event_id,
              event.event_type,
              event.event_timestamp,
              event.product_id,
              event.customer_id,
              JSON.stringify(event.event_data),
              metadata,
            ])
            .catch(reject);
          seen += 1;
          if (seen >= events.length) resolve(process.hrtime.bigint());
        },
      });
    });
    const endedAt = await done;
    await consumer.disconnect();
    const naive = figure(
      `(d) per-event INSERT + commit → fakesnow (${events.length})`,
      events.length,
      startedAt,
      endedAt,
    );
    await warehouse.execute('TRUNCATE TABLE BENCH_DB.RAW_DATA.RAW_EVENTS_STREAM');
    const table = { database: 'BENCH_DB', schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };
    const batched = await eventflakeConsume(
      `(d') eventflake → fakesnow (${events.length})`,
      kafka,
      topic,
      ends,
      warehouse,
      { table },
    );
    return { naive, batched: batched.figure };
  } finally {
    await warehouse.close();
    await snow.stop();
  }
}
