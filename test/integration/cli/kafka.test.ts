import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { waitFor } from '../../setup/services.js';
import { cli, startCli, useTempDir } from './support.js';

const EVENTS = 300;

describe('eventflake produce and consume against a Kafka broker', () => {
  let brokers: string;
  let admin: Admin;
  const tempDir = useTempDir('kafka');

  beforeAll(async () => {
    const address = inject('kafkaBrokers');
    if (!address) throw new Error('No Kafka broker: run with EVENTFLAKE_TEST_SERVICES including kafka');
    brokers = address;
    admin = new Kafka({
      clientId: 'eventflake-cli-test',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  const newTopic = async (name: string) => {
    const topic = `eventflake-cli-${name}-${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    return topic;
  };
  const messagesIn = async (topic: string) =>
    (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + Number(high), 0);

  it('produce (stream mode) sends N events; consume lands them in a DuckDB RAW file, serves /metrics and stops on SIGTERM', async () => {
    const topic = await newTopic('stream');
    const group = `eventflake-cli-${randomUUID()}`;
    const sent = await cli(
      ['produce', '--topic', topic, '--count', String(EVENTS), '--seed', '21', '--rate', '5000'],
      {
        env: { KAFKA_BROKERS: brokers, KAFKA_LOG_LEVEL: 'nothing' },
      },
    );
    expect(sent).toMatchObject({ code: 0 });
    expect(sent.stdout).toContain(`sent ${EVENTS} events to ${topic}`);
    expect(await messagesIn(topic)).toBe(EVENTS);

    const db = join(tempDir(), 'raw.duckdb');
    const consumer = startCli(
      [
        'consume',
        '--brokers',
        brokers,
        '--topic',
        topic,
        '--group',
        group,
        '--db',
        db,
        '--metrics-port',
        '0',
      ],
      { env: { KAFKA_LOG_LEVEL: 'nothing', EVENTFLAKE_DLQ_PATH: join(tempDir(), 'dlq.jsonl') } },
    );
    try {
      let url = '';
      await waitFor('the metrics endpoint', async () => {
        url = /metrics at (\S+\/metrics)/.exec(consumer.output.stdout)?.[1] ?? '';
        return url !== '';
      });
      await waitFor(
        `${EVENTS} events inserted`,
        async () => {
          const text = await (await fetch(url)).text();
          return Number(/^eventflake_events_inserted_total (\d+)/m.exec(text)?.[1]) === EVENTS;
        },
        { timeoutMs: 60_000 },
      );
      consumer.child.kill('SIGTERM');
      expect(await consumer.exited).toBe(0);
    } finally {
      consumer.child.kill('SIGKILL');
    }
    expect(consumer.output.stdout).toContain(`stopped: ${EVENTS} events landed in RAW`);

    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const committedTotal = (committed?.partitions ?? []).reduce(
      (sum, p) => sum + Math.max(0, Number(p.offset)),
      0,
    );
    expect(committedTotal).toBe(EVENTS);
    const warehouse = await DuckDbWarehouse.open({ path: db });
    try {
      const [row] = await warehouse.execute(
        'SELECT count(*) AS n, count(DISTINCT "EVENT_ID") AS d FROM "RAW_DATA"."RAW_EVENTS_STREAM"',
      );
      expect({ n: Number(row?.n), d: Number(row?.d) }).toEqual({ n: EVENTS, d: EVENTS });
    } finally {
      await warehouse.close();
    }
  }, 120_000);

  it('produce (replay mode) sends every order of an export-seed CSV', async () => {
    const topic = await newTopic('replay');
    const seed = join(tempDir(), 'seed');
    expect(
      (await cli(['export-seed', '--customers', '5', '--products', '5', '--orders', '40', '--out', seed]))
        .code,
    ).toBe(0);
    const sent = await cli(
      ['produce', '--replay', join(seed, 'orders.csv'), '--topic', topic, '--rate', '500'],
      {
        env: { KAFKA_BROKERS: brokers, KAFKA_LOG_LEVEL: 'nothing' },
      },
    );
    expect(sent).toMatchObject({ code: 0 });
    expect(sent.stdout).toContain(`sent 40 events to ${topic} (replay of`);
    expect(await messagesIn(topic)).toBe(40);
  }, 60_000);
});
