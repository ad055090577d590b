import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkaProducer } from '../../../src/kafka/kafka-producer.js';
import { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import {
  endOffsets,
  groupOffsets,
  kafkaClient,
  newGroupId,
  newTopic,
  rawCounts,
  wineShopEvents,
} from '../kafka/support.js';
import { ConsumerProcess, type ConsumerTarget } from './consumer-process.js';
import { untilGroupCommitted } from './support.js';

const EVENTS = 100_000;
/** RAW row counts at which a consumer life is killed: early, middle, late, and once just before the end. */
const KILL_AT = [8_000, 31_000, 57_000, 86_000];
const LIFE_TIMEOUT_MS = 60_000;

describe('kill -9 of the consumer process', () => {
  const kafka = kafkaClient('reliability-kill');
  const admin = kafka.admin();
  let dir = '';
  beforeAll(async () => {
    await admin.connect();
    dir = mkdtempSync(join(tmpdir(), 'eventflake-kill-'));
  });
  afterAll(async () => {
    await admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed repeatedly mid-run and restarted, leaves every one of 100,000 events in RAW exactly once', async () => {
    const topic = await newTopic(admin, 'kill9');
    const producer = new KafkaProducer({ kafka, topic, maxBatchMessages: 1_000 });
    try {
      await producer.send(wineShopEvents(EVENTS, 91));
    } finally {
      await producer.disconnect();
    }
    const ends = await endOffsets(admin, topic);
    const target: ConsumerTarget = {
      brokers: inject('kafkaBrokers'),
      topic,
      groupId: newGroupId('kill9'),
      dbPath: join(dir, 'raw.duckdb'),
      dlqPath: join(dir, 'dead-letters.jsonl'),
    };

    const killedAt: number[] = [];
    const walLeft: boolean[] = [];
    let seeks = 0;
    for (const rows of KILL_AT) {
      const life = new ConsumerProcess(target);
      await life.untilLanded(rows, LIFE_TIMEOUT_MS);
      await life.kill();
      killedAt.push(life.landed);
      walLeft.push(existsSync(`${target.dbPath}.wal`));
      seeks += life.seeks;
    }

    const last = new ConsumerProcess(target);
    await untilGroupCommitted(admin, target.groupId, topic, ends, LIFE_TIMEOUT_MS);
    const stopped = await last.stop();
    seeks += last.seeks;
    expect(stopped).toEqual({ code: 0, stderr: '' });

    // Each kill happened part-way: RAW had passed its threshold and was still short of the end.
    for (const [i, rows] of killedAt.entries()) {
      expect(rows).toBeGreaterThanOrEqual(KILL_AT[i] ?? 0);
      expect(rows).toBeLessThan(EVENTS);
    }
    // The killed DuckDB file opens (its WAL replays) and holds each event once.
    const warehouse = await DuckDbWarehouse.open({ path: target.dbPath });
    try {
      expect(await rawCounts(warehouse)).toEqual({ rows: EVENTS, distinct: EVENTS });
    } finally {
      await warehouse.close();
    }
    expect(await groupOffsets(admin, target.groupId, topic)).toEqual(ends);
    const letters = existsSync(target.dlqPath) ? readFileSync(target.dlqPath, 'utf8').trim() : '';
    expect(letters).toBe('');
    console.log(
      `[kill-9] killed at RAW rows ${killedAt.join(', ')}; WAL left behind: ${walLeft.join(', ')}; ` +
        `resume-from-warehouse seeks: ${seeks}`,
    );
  }, 240_000);
});
