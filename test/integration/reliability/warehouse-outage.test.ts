import { describe, expect, it } from 'vitest';
import type { PauseInfo, RebalanceInfo } from '../../../src/kafka/instrumentation-events.js';
import { KafkaSource } from '../../../src/kafka/kafka-source.js';
import { MemoryDeadLetterQueue } from '../../../src/sink/memory-dead-letter-queue.js';
import {
  groupOffsets,
  kafkaTestContext,
  newGroupId,
  newTopic,
  rawCounts,
  sourceOptions,
  wineShopSink,
} from '../kafka/support.js';
import { OutageWarehouse } from './outage-warehouse.js';
import { runUntilCommitted } from './support.js';

const ctx = kafkaTestContext('outage');

const EVENTS = 30_000;
/** How long the warehouse refuses every call. */
const OUTAGE_MS = Number(process.env.EVENTFLAKE_OUTAGE_MS ?? 30_000);
const HIGH_WATER_EVENTS = 3_000;
const HIGH_WATER_BYTES = 4_000_000;

type Phase = 'before' | 'down' | 'after';

describe('warehouse outage', () => {
  it(
    'a warehouse down for 30 s: the source pauses, held events stay under the high-water mark, nothing is lost or dead-lettered, it resumes',
    async () => {
      const { kafka, admin, warehouse } = ctx;
      const topic = await newTopic(admin, 'outage');
      const ends = await ctx.produceEvents(topic, EVENTS, 41);
      const flaky = new OutageWarehouse(warehouse);
      const dlq = new MemoryDeadLetterQueue();
      const sink = wineShopSink(flaky, {
        deadLetterQueue: dlq,
        maxBatchEvents: 500,
        concurrency: 2,
        highWaterEvents: HIGH_WATER_EVENTS,
        highWaterBytes: HIGH_WATER_BYTES,
        // Backoff capped at 2 s, 40 tries: about 70 s of patience, well past the outage.
        retry: { retries: 40, minDelayMs: 100, maxDelayMs: 2_000, factor: 2, jitter: 0.2 },
      });
      let phase: Phase = 'before';
      let landed = 0;
      let maxHeld = { events: 0, bytes: 0 };
      const sample = () => {
        const { events, bytes } = sink.pending;
        maxHeld = { events: Math.max(maxHeld.events, events), bytes: Math.max(maxHeld.bytes, bytes) };
      };
      let insertRetries = 0;
      sink.on('retry', ({ operation }) => {
        if (operation === 'insert') insertRetries += 1;
      });
      const noteRecovery = () => {
        if (phase === 'down' && !flaky.down) phase = 'after';
      };
      sink.on('flush', ({ inserted }) => {
        // A flush only lands once the outage is over: mark it before the resume that follows.
        noteRecovery();
        landed += inserted;
        sample();
        if (phase === 'before' && landed >= 3_000) {
          phase = 'down';
          flaky.startOutage(OUTAGE_MS);
        }
      });
      sink.on('pressure', sample);

      const groupId = newGroupId('outage');
      const source = new KafkaSource({
        ...sourceOptions(kafka, groupId, topic),
        maxRecordsPerWrite: 500,
      });
      const pauses: Array<PauseInfo & { phase: Phase }> = [];
      const resumes: Array<PauseInfo & { phase: Phase }> = [];
      const members = new Set<string>();
      source.on('source.pause', (info) => pauses.push({ ...info, phase }));
      source.on('source.resume', (info) => resumes.push({ ...info, phase }));
      source.on('source.rebalance', (info: RebalanceInfo) => members.add(info.memberId));
      source.on('source.batch_start', sample);
      const sampler = setInterval(() => {
        sample();
        noteRecovery();
      }, 20);
      try {
        await runUntilCommitted(source, sink, { admin, groupId, topic }, ends, OUTAGE_MS + 60_000);
      } finally {
        clearInterval(sampler);
        await sink.close();
      }

      expect(phase).toBe('after');
      expect(flaky.refused).toBeGreaterThan(0);
      expect(insertRetries).toBeGreaterThan(0);
      // Paused for pressure while the warehouse was down, resumed once it was back.
      expect(pauses.filter((p) => p.phase === 'down' && p.reason === 'pressure').length).toBeGreaterThan(0);
      expect(resumes.filter((r) => r.phase === 'after' && r.reason === 'pressure').length).toBeGreaterThan(0);
      // Memory stays bounded: the sink never held more than its high-water marks.
      expect(maxHeld.events).toBeGreaterThan(0);
      expect(maxHeld.events).toBeLessThanOrEqual(HIGH_WATER_EVENTS);
      expect(maxHeld.bytes).toBeLessThanOrEqual(HIGH_WATER_BYTES);
      // The write loop's heartbeats kept the member in the group through the outage.
      expect(members.size).toBe(1);
      expect(dlq.letters).toEqual([]);
      expect(await rawCounts(warehouse)).toEqual({ rows: EVENTS, distinct: EVENTS });
      expect(await groupOffsets(admin, groupId, topic)).toEqual(ends);
      console.log(
        `[outage] ${OUTAGE_MS} ms down: ${flaky.refused} calls refused, ${insertRetries} insert retries, ` +
          `${pauses.length} pauses, max held ${maxHeld.events} events / ${maxHeld.bytes} bytes`,
      );
    },
    OUTAGE_MS + 120_000,
  );
});
