import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { InvalidRecordError, SinkFailedError } from '../../../src/sink/errors.js';
import { eventId, orderEvent } from './support/events.js';
import { createHarness } from './support/harness.js';

describe("BatchSink errorTolerance (Kafka Connect's errors.tolerance)", () => {
  it("'none' stops at the first invalid record, acks nothing after it, and names where it came from", async () => {
    const h = createHarness({ errorTolerance: 'none' });
    const errors: unknown[] = [];
    h.sink.on('error', (error) => errors.push(error));
    await h.sink.write(h.batch('good', [orderEvent(1), orderEvent(2)]));
    await h.sink.flush();

    const attempt = h.sink.write(h.batch('bad', [orderEvent(3), '{"event_id": oops', orderEvent(4)]));
    await expect(attempt).rejects.toBeInstanceOf(SinkFailedError);
    const failure = await attempt.catch((error: unknown) => error);
    const cause = (failure as SinkFailedError).cause;
    expect(cause).toBeInstanceOf(InvalidRecordError);
    expect(cause).toMatchObject({ code: 'ERR_INVALID_RECORD', reason: { code: 'invalid_json' } });
    expect((cause as Error).message).toContain('batch=bad index=1');
    expect((cause as Error).message).not.toContain('oops');

    expect(h.acked).toEqual(['good']);
    expect(h.dlq.letters).toEqual([]);
    expect([...h.warehouse.stored.keys()]).toEqual([eventId(1), eventId(2)]);
    await expect(h.sink.write(h.batch('later', [orderEvent(5)]))).rejects.toBeInstanceOf(SinkFailedError);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("'all' (the default) dead-letters the same record and goes on", async () => {
    const h = createHarness();
    await h.sink.write(h.batch('bad', [orderEvent(3), '{"event_id": oops', orderEvent(4)]));
    await h.sink.flush();
    expect(h.acked).toEqual(['bad']);
    expect(h.dlq.letters.map((l) => l.reason.code)).toEqual(['invalid_json']);
    expect([...h.warehouse.stored.keys()]).toEqual([eventId(3), eventId(4)]);
  });

  it('rejects an unknown setting, naming the field', () => {
    expect(() => createHarness({ errorTolerance: 'some' as 'all' })).toThrow(ConfigError);
    expect(() => createHarness({ errorTolerance: 'some' as 'all' })).toThrow(/`errorTolerance`/);
  });
});
