import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { type InProcessAck, InProcessSource } from '../../../src/sink/in-process-source.js';
import type { BatchWriter, SourceBatch } from '../../../src/sink/source.js';
import { eventId, orderEvent } from './support/events.js';
import { createHarness } from './support/harness.js';

/** A writer that records batches and acks each at once. */
function recordingWriter(): BatchWriter & { batches: SourceBatch[] } {
  const batches: SourceBatch[] = [];
  return {
    batches,
    write: async (batch) => {
      batches.push(batch);
      await batch.ack();
    },
    flush: async () => {},
  };
}

describe('InProcessSource', () => {
  it('hands objects, JSON text and bytes to the sink in batches of batchSize, with lineage', async () => {
    const writer = recordingWriter();
    const items = [{ a: 1 }, '{"b":2}', new TextEncoder().encode('{"c":3}'), { d: 4 }, { e: 5 }];
    await new InProcessSource(items, { batchSize: 2, origin: 'demo' }).run(writer);
    expect(writer.batches.map((b) => b.records.length)).toEqual([2, 2, 1]);
    const [first, second] = writer.batches;
    expect(first?.records[0]).toEqual({ value: '{"a":1}', lineage: { origin: 'demo', sequence: 1 } });
    expect(first?.records[1]?.value).toBe('{"b":2}');
    expect(second?.records[0]?.value).toBeInstanceOf(Uint8Array);
    expect(second?.records[1]?.lineage).toEqual({ origin: 'demo', sequence: 4 });
  });

  it('runs an async iterable through a real sink and reports durable progress in order', async () => {
    const h = createHarness({ maxBatchEvents: 7 });
    const progress: InProcessAck[] = [];
    async function* feed() {
      for (let i = 0; i < 25; i += 1) yield orderEvent(i);
    }
    await new InProcessSource(feed(), { batchSize: 10, onAck: (ack) => void progress.push(ack) }).run(h.sink);
    expect(h.warehouse.stored.size).toBe(25);
    expect(h.warehouse.stored.get(eventId(24))?.eventMetadata).toContain('"sequence":25');
    expect(progress).toEqual([
      { through: 10, records: 10 },
      { through: 20, records: 10 },
      { through: 25, records: 5 },
    ]);
  });

  it('stops reading on abort, writes what it already read, and resolves once that is acked', async () => {
    const writer = recordingWriter();
    const controller = new AbortController();
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        if (pulled === 5) controller.abort();
        yield { n: pulled };
      }
    }
    await new InProcessSource(endless(), { batchSize: 3 }).run(writer, { signal: controller.signal });
    const written = writer.batches.flatMap((b) => b.records.map((r) => JSON.parse(String(r.value)).n));
    expect(written).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops waiting on a feed that never yields once aborted', async () => {
    const writer = recordingWriter();
    const controller = new AbortController();
    const never: AsyncIterable<object> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }),
    };
    const run = new InProcessSource(never).run(writer, { signal: controller.signal });
    controller.abort();
    await run;
    expect(writer.batches).toEqual([]);
  });

  it('dead-letters an object that cannot be turned into JSON rather than dropping it', async () => {
    const h = createHarness();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await new InProcessSource([circular, orderEvent(1)]).run(h.sink);
    expect(h.warehouse.stored.size).toBe(1);
    expect(h.dlq.letters.map((l) => [l.reason.code, l.lineage.sequence])).toEqual([['invalid_json', 1]]);
  });

  it('names batchSize in its ConfigError', () => {
    expect(() => new InProcessSource([], { batchSize: 0 })).toThrow(ConfigError);
    expect(() => new InProcessSource([], { batchSize: 0 })).toThrow(/`batchSize`/);
  });
});
