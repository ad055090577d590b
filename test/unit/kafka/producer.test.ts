import { describe, expect, it } from 'vitest';
import { DLQ_HEADER_PREFIX, deadLetterMessage } from '../../../src/kafka/kafka-dead-letter-queue.js';
import { toMessage } from '../../../src/kafka/kafka-producer.js';
import { produce } from '../../../src/kafka/produce.js';
import type { ProducibleEvent } from '../../../src/kafka/producer-options.js';
import type { DeadLetter } from '../../../src/sink/dead-letter.js';

function event(i: number): ProducibleEvent & { product_id: string } {
  return {
    event_id: `id-${i}`,
    event_type: 'ORDER_CREATED',
    product_id: `PROD-${i}`,
    source: { schema_version: 1 },
  };
}

const byProduct = (e: ProducibleEvent) => (e as { product_id?: string }).product_id ?? null;

/** A producer that records each send and can fail the n-th one. */
function recordingProducer(failOn?: number) {
  const sends: string[][] = [];
  return {
    sends,
    send: async (events: Iterable<ProducibleEvent>) => {
      const ids = [...events].map((e) => e.event_id);
      sends.push(ids);
      if (sends.length === failOn) throw new Error('broker gone');
      return { messages: ids.length, partitions: [] };
    },
  };
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('toMessage', () => {
  it('sends the event as JSON, keyed, with type, id and schema version headers', () => {
    const message = toMessage(event(1), 0, byProduct);
    expect(message).toEqual({
      key: 'PROD-1',
      value: JSON.stringify(event(1)),
      headers: { event_type: 'ORDER_CREATED', event_id: 'id-1', schema_version: '1' },
    });
    const noVersion = { event_id: 'x', event_type: 'T' };
    expect(toMessage(noVersion, 0, () => null)).toEqual({
      key: null,
      value: JSON.stringify(noVersion),
      headers: { event_type: 'T', event_id: 'x' },
    });
  });

  it('refuses what is not an event, naming its position', () => {
    const bad = [
      null,
      { event_type: 'T' },
      { event_id: 'x', event_type: 'T', n: 1n },
    ] as unknown as ProducibleEvent[];
    for (const [index, item] of bad.entries()) {
      expect(() => toMessage(item, index, () => null)).toThrow(
        expect.objectContaining({ code: 'ERR_KAFKA_UNSENDABLE_EVENT', index }),
      );
    }
  });
});

describe('produce', () => {
  it('sends in batches of batchSize, the rest at the end, and reports progress', async () => {
    const producer = recordingProducer();
    const progress: number[] = [];
    const items = Array.from({ length: 7 }, (_, i) => event(i));
    const result = await produce(producer, items, {
      batchSize: 3,
      lingerMs: 60_000,
      onSent: ({ sent }) => progress.push(sent),
    });
    expect(result).toEqual({ sent: 7 });
    expect(producer.sends.map((ids) => ids.length)).toEqual([3, 3, 1]);
    expect(producer.sends.flat()).toEqual(items.map((e) => e.event_id));
    expect(progress).toEqual([3, 6, 7]);
  });

  it('with lingerMs 0, sends what it has rather than wait for the next event', async () => {
    const producer = recordingProducer();
    await produce(producer, slowly([event(0), event(1), event(2)]), { batchSize: 100, lingerMs: 0 });
    expect(producer.sends).toEqual([['id-0'], ['id-1'], ['id-2']]);
  });

  it('stops at count and rejects with a failed send', async () => {
    const counted = recordingProducer();
    await produce(
      counted,
      Array.from({ length: 50 }, (_, i) => event(i)),
      { count: 5, batchSize: 2 },
    );
    expect(counted.sends.flat()).toHaveLength(5);
    const failing = recordingProducer(2);
    await expect(
      produce(
        failing,
        Array.from({ length: 10 }, (_, i) => event(i)),
        { batchSize: 2, lingerMs: 60_000 },
      ),
    ).rejects.toThrow('broker gone');
  });

  it('on abort, sends what was drawn and resolves', async () => {
    const producer = recordingProducer();
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<ProducibleEvent> {
      for (let i = 0; ; i += 1) {
        if (i === 4) controller.abort();
        await new Promise((resolve) => setImmediate(resolve));
        yield event(i);
      }
    }
    const result = await produce(producer, endless(), { signal: controller.signal, lingerMs: 60_000 });
    expect(result.sent).toBe(producer.sends.flat().length);
    expect(result.sent).toBeGreaterThanOrEqual(4);
  });

  it('names the bad option', async () => {
    await expect(produce(recordingProducer(), [], { batchSize: 0 })).rejects.toMatchObject({
      field: 'produce.batchSize',
    });
    await expect(produce(recordingProducer(), [], { rate: -1 })).rejects.toMatchObject({
      field: 'produce.rate',
    });
  });
});

describe('deadLetterMessage', () => {
  const letter: DeadLetter = {
    value: '/wA=',
    valueEncoding: 'base64',
    reason: { code: 'invalid_encoding', message: 'The record value is not valid UTF-8 text' },
    lineage: {
      topic: 'sales_events',
      partition: 2,
      offset: 41,
      key: { base64: 'gA==' },
      headers: { trace: 'abc', bin: { base64: 'AQ==' }, [`${DLQ_HEADER_PREFIX}reason`]: 'old' },
      timestamp: 1_763_892_900_000,
    },
    failedAt: '2026-11-23T10:15:00.000Z',
  };

  it('keeps the original bytes, key, headers and timestamp and adds the context headers', () => {
    const message = deadLetterMessage(letter);
    expect(message.value).toEqual(Buffer.from([0xff, 0x00]));
    expect(message.key).toEqual(Buffer.from([0x80]));
    expect(message.timestamp).toBe('1763892900000');
    expect(message.headers).toEqual({
      trace: 'abc',
      bin: Buffer.from([0x01]),
      [`${DLQ_HEADER_PREFIX}reason`]: 'invalid_encoding',
      [`${DLQ_HEADER_PREFIX}message`]: 'The record value is not valid UTF-8 text',
      [`${DLQ_HEADER_PREFIX}topic`]: 'sales_events',
      [`${DLQ_HEADER_PREFIX}partition`]: '2',
      [`${DLQ_HEADER_PREFIX}offset`]: '41',
      [`${DLQ_HEADER_PREFIX}failed_at`]: '2026-11-23T10:15:00.000Z',
    });
  });

  it('carries schema issues as JSON, and keys a letter without a Kafka key by its event id', () => {
    const issues = [{ path: ['event_data', 'quantity'], code: 'too_small', message: 'must be > 0' }];
    const message = deadLetterMessage({
      ...letter,
      value: '{}',
      valueEncoding: 'utf8',
      reason: { code: 'invalid_event', message: 'quantity', issues },
      lineage: { origin: 'file', line: 3 },
      eventId: 'id-9',
    });
    expect(message.key).toBe('id-9');
    expect(message.value).toBe('{}');
    expect(message.headers?.[`${DLQ_HEADER_PREFIX}issues`]).toBe(JSON.stringify(issues));
    expect(message.headers?.[`${DLQ_HEADER_PREFIX}topic`]).toBeUndefined();
  });
});
