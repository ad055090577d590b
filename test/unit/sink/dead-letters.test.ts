import { describe, expect, it } from 'vitest';
import { EventflakeError } from '../../../src/errors.js';
import {
  DeadLetterWriteError,
  SinkFailedError,
  WarehouseRejectedBatchError,
} from '../../../src/sink/errors.js';
import type { DeadLetterInfo } from '../../../src/sink/sink-events.js';
import { eventId, invalidOrderEvent, orderEvent, orderEvents } from './support/events.js';
import { createHarness, metricValue } from './support/harness.js';

describe('BatchSink dead letters from parsing', () => {
  it('sends invalid JSON, schema-invalid, unknown-type and non-UTF-8 records to the DLQ and still acks', async () => {
    const h = createHarness();
    const notes: DeadLetterInfo[] = [];
    h.sink.on('dead_letter', (info) => notes.push(info));
    const unknown = { ...orderEvent(3), event_type: 'ORDER_CANCELLED' };
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    await h.sink.write(
      h.batch('mixed', [
        orderEvent(1),
        '{"event_id": oops',
        invalidOrderEvent(2),
        unknown,
        bytes,
        orderEvent(4),
      ]),
    );
    await h.sink.flush();

    expect([...h.warehouse.stored.keys()]).toEqual([eventId(1), eventId(4)]);
    expect(h.acked).toEqual(['mixed']);
    const letters = h.dlq.letters;
    expect(letters.map((l) => [l.reason.code, l.lineage.index])).toEqual([
      ['invalid_json', 1],
      ['invalid_event', 2],
      ['unknown_event_type', 3],
      ['invalid_encoding', 4],
    ]);
    const [json, schema, type, encoding] = letters;
    expect(json?.value).toBe('{"event_id": oops');
    expect(json?.reason.message).toMatch(/^Not JSON: /);
    expect(schema?.eventId).toBe(eventId(2));
    expect(schema?.reason.issues).toContainEqual(
      expect.objectContaining({ path: ['event_data', 'quantity'] }),
    );
    expect(schema?.reason.message).toContain('event_data.quantity');
    expect(JSON.parse(schema?.value ?? '')).toEqual(invalidOrderEvent(2));
    expect(type?.reason.message).toContain('ORDER_CANCELLED');
    expect(encoding).toMatchObject({ value: Buffer.from(bytes).toString('base64'), valueEncoding: 'base64' });
    expect(letters.every((l) => !Number.isNaN(Date.parse(l.failedAt)))).toBe(true);
    expect(notes).toEqual([
      {
        count: 4,
        reasons: { invalid_json: 1, invalid_event: 1, unknown_event_type: 1, invalid_encoding: 1 },
      },
    ]);
    expect(await metricValue(h.metrics, 'eventflake_events_dlq_total', { reason: 'invalid_json' })).toBe(1);
    expect(await metricValue(h.metrics, 'eventflake_events_dlq_total')).toBe(4);
  });

  it('acks a batch of only dead letters once the DLQ has them', async () => {
    const h = createHarness();
    await h.sink.write(h.batch('junk', ['not json', '[]']));
    await h.sink.flush();
    expect(h.warehouse.calls).toEqual([]);
    expect(h.dlq.letters).toHaveLength(2);
    expect(h.acked).toEqual(['junk']);
  });

  it('does not ack when the DLQ write fails, and reports why', async () => {
    const errors: unknown[] = [];
    const h = createHarness({
      deadLetterQueue: {
        write: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      },
    });
    h.sink.on('error', (error) => errors.push(error));
    await h.sink.write(h.batch('a', [orderEvent(1), 'not json']));
    const failure = await h.sink.flush().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SinkFailedError);
    expect((failure as SinkFailedError).cause).toBeInstanceOf(DeadLetterWriteError);
    expect(errors).toEqual([failure]);
    expect(h.acked).toEqual([]);
  });

  it('retries a DLQ write that fails retriably', async () => {
    let failures = 1;
    const stored: unknown[] = [];
    const h = createHarness({
      deadLetterQueue: {
        write: async (letters) => {
          if (failures-- > 0) throw new EventflakeError('ERR_BLIP', 'DLQ broker busy', { retriable: true });
          stored.push(...letters);
        },
      },
    });
    await h.sink.write(h.batch('a', ['not json']));
    await h.sink.flush();
    expect(stored).toHaveLength(1);
    expect(await metricValue(h.metrics, 'eventflake_retries_total', { operation: 'dead_letter' })).toBe(1);
    expect(h.acked).toEqual(['a']);
  });
});

describe('BatchSink bisection of warehouse rejects', () => {
  it('keeps a refused Kafka-style value (bytes) as its original UTF-8 text', async () => {
    const h = createHarness({ maxBatchEvents: 1_000 });
    h.warehouse.rejectIds.add(eventId(3));
    const bytes = orderEvents(0, 5).map((event) => Buffer.from(JSON.stringify(event), 'utf8'));
    await h.sink.write(h.batch('a', bytes));
    await h.sink.flush();

    expect(h.warehouse.stored.size).toBe(4);
    const [letter] = h.dlq.letters;
    expect(letter?.valueEncoding).toBe('utf8');
    expect(letter?.value).toBe(bytes[3]?.toString('utf8'));
    expect(h.acked).toEqual(['a']);
  });

  it('keeps its own copy of a refused value: a source reusing its fetch buffer does not change the letter', async () => {
    const h = createHarness({ maxBatchEvents: 1_000 });
    h.warehouse.rejectIds.add(eventId(1));
    const texts = orderEvents(0, 3).map((event) => JSON.stringify(event));
    const fetch = Buffer.from(texts.join(''), 'utf8');
    let start = 0;
    const views = texts.map((text) => {
      const view = fetch.subarray(start, start + Buffer.byteLength(text));
      start += view.byteLength;
      return view;
    });
    await h.sink.write(h.batch('a', views));
    fetch.fill(0x20); // admitted, not yet written: the sink holds the rows
    await h.sink.flush();

    expect(h.dlq.letters.map((letter) => letter.value)).toEqual([texts[1]]);
  });

  it('isolates exactly the refused row into the DLQ and lands all the others', async () => {
    const h = createHarness({ maxBatchEvents: 1_000 });
    h.warehouse.rejectIds.add(eventId(37));
    await h.sink.write(h.batch('a', orderEvents(0, 100)));
    await h.sink.flush();

    expect(h.warehouse.stored.size).toBe(99);
    expect(h.warehouse.stored.has(eventId(37))).toBe(false);
    expect(h.dlq.letters).toHaveLength(1);
    const [letter] = h.dlq.letters;
    expect(letter?.reason).toEqual({
      code: 'warehouse_rejected',
      message: `Timestamp out of range for ${eventId(37)}`,
    });
    expect(letter?.eventId).toBe(eventId(37));
    expect(letter?.lineage).toEqual({ batch: 'a', index: 37 });
    expect(JSON.parse(letter?.value ?? '')).toEqual(orderEvent(37));
    expect(h.acked).toEqual(['a']);
    // Bisection, not row-by-row: about log2(100) calls for the one bad row.
    expect(h.warehouse.calls.length).toBeLessThan(20);
  });

  it('isolates several refused rows spread over a batch', async () => {
    const h = createHarness({ maxBatchEvents: 1_000 });
    const bad = [0, 1, 50, 99];
    for (const i of bad) h.warehouse.rejectIds.add(eventId(i));
    await h.sink.write(h.batch('a', orderEvents(0, 100)));
    await h.sink.flush();
    expect(h.dlq.letters.map((l) => l.eventId)).toEqual(bad.map(eventId));
    expect(h.warehouse.stored.size).toBe(96);
    expect(
      await metricValue(h.metrics, 'eventflake_events_dlq_total', { reason: 'warehouse_rejected' }),
    ).toBe(4);
    expect(h.acked).toEqual(['a']);
  });

  it('stops rather than dead-lettering everything when the warehouse refuses every row', async () => {
    const h = createHarness({ maxBatchEvents: 1_000 });
    h.warehouse.failAll = new EventflakeError('ERR_TEST', 'Table RAW_EVENTS_STREAM does not exist', {
      retriable: false,
    });
    await h.sink.write(h.batch('a', orderEvents(0, 500)));
    const failure = await h.sink.flush().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SinkFailedError);
    expect((failure as SinkFailedError).cause).toBeInstanceOf(WarehouseRejectedBatchError);
    expect((failure as Error).message).toContain('does not exist');
    expect(h.dlq.letters).toEqual([]);
    expect(h.acked).toEqual([]);
    expect(h.warehouse.calls.length).toBeLessThan(40);
  });

  it('dead-letters a lone refused row when the table answers the probe', async () => {
    const h = createHarness();
    h.warehouse.rejectIds.add(eventId(1));
    await h.sink.write(h.batch('a', [orderEvent(1)]));
    await h.sink.flush();
    expect(h.warehouse.executed).toHaveLength(1);
    expect(h.warehouse.executed[0]).toMatch(/^SELECT .* FROM "RAW_DATA"."RAW_EVENTS_STREAM" WHERE 1 = 0$/);
    expect(h.dlq.letters.map((l) => l.reason.code)).toEqual(['warehouse_rejected']);
    expect(h.acked).toEqual(['a']);
  });

  it('stops on a lone refused row when the table itself does not answer', async () => {
    const h = createHarness();
    h.warehouse.rejectIds.add(eventId(1));
    h.warehouse.probeError = new EventflakeError('ERR_TEST', 'Schema RAW_DATA does not exist');
    await h.sink.write(h.batch('a', [orderEvent(1)]));
    await expect(h.sink.flush()).rejects.toBeInstanceOf(SinkFailedError);
    expect(h.dlq.letters).toEqual([]);
    expect(h.acked).toEqual([]);
  });
});
