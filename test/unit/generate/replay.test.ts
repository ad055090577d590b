import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { ReplayError, replay, replayCsv, replayJsonl } from '../../../src/generate/index.js';
import { collect, FIXTURES, manualClock } from './support.js';

const ORDERS = `${FIXTURES}orders.csv`;
const BAD_ORDERS = `${FIXTURES}orders-bad.csv`;
const EVENTS = `${FIXTURES}orders_events.jsonl`;

async function failureOf(source: AsyncIterable<unknown>): Promise<ReplayError> {
  try {
    await collect(source);
  } catch (error) {
    if (error instanceof ReplayError) return error;
    throw error;
  }
  throw new Error('expected a ReplayError');
}

describe('replayCsv', () => {
  it("turns seed 002's orders.csv rows into valid order_created envelopes", async () => {
    const events = await collect(replayCsv(ORDERS));
    expect(events).toHaveLength(4);
    const [first] = events;
    expect(first?.event_data.order).toEqual({
      id: 'ORDER_000001',
      customer_id: 'CUST_000412',
      product_id: 'PROD_000017',
      quantity: 2,
      unit_price: 45.9,
      sold_at: '2024-03-05T14:22:11.123Z',
    });
    expect(first?.event_timestamp).toBe('2024-03-05T14:22:11.123Z');
    expect(first?.product_id).toBe('PROD_000017');
    expect(first?.source).toEqual({ producer: 'eventflake-replay', schema_version: 1 });
    // A zone offset is converted to UTC.
    expect(events[2]?.event_data.order.sold_at).toBe('2024-03-06T08:12:00.000Z');
    for (const event of events) expect(dropshippingRegistry.parse(event).ok).toBe(true);
  });

  it('gives the same event ids when the same file is replayed again', async () => {
    const once = (await collect(replayCsv(ORDERS))).map((event) => event.event_id);
    const twice = (await collect(replayCsv(ORDERS))).map((event) => event.event_id);
    expect(twice).toEqual(once);
    expect(new Set(once).size).toBe(4);
  });

  it('stops at the first bad row with the file, the line and the reason', async () => {
    const error = await failureOf(replayCsv(BAD_ORDERS));
    expect(error.code).toBe('ERR_REPLAY_ROW');
    expect(error.file).toBe(BAD_ORDERS);
    expect(error.line).toBe(3);
    expect(error.reason).toContain('quantity must be a whole number');
    expect(error.message).toBe(`${BAD_ORDERS}:3: ${error.reason}`);
  });

  it('reports every bad row with its line number when told to skip them', async () => {
    const bad: ReplayError[] = [];
    const events = await collect(replayCsv(BAD_ORDERS, { onBadRow: (error) => bad.push(error) }));
    expect(events.map((event) => event.event_data.order.id)).toEqual(['ORDER_000001', 'ORDER_000006']);
    expect(bad.map((error) => error.line)).toEqual([3, 4, 6, 7]);
    expect(bad[1]?.reason).toContain('sold_at must be an ISO 8601 timestamp with a zone');
    expect(bad[2]?.reason).toBe('expected 6 fields like the header, got 5');
    // Line 7 parses but the event schema refuses a quantity of 0; the reason names the column.
    expect(bad[3]?.reason).toMatch(/^quantity: /);
  });

  it('refuses a header without the seed columns, at line 1', async () => {
    const error = await failureOf(replayCsv(`${FIXTURES}orders-no-product.csv`));
    expect(error.line).toBe(1);
    expect(error.reason).toContain('product_id');
  });

  it('reports a missing file as ERR_REPLAY_FILE', async () => {
    const error = await failureOf(replayCsv(`${FIXTURES}nope.csv`));
    expect(error.code).toBe('ERR_REPLAY_FILE');
    expect(error.line).toBe(0);
    expect(error.reason).toContain('ENOENT');
  });

  it('replays at the chosen rate', async () => {
    const clock = manualClock();
    const times: number[] = [];
    for await (const _ of replayCsv(ORDERS, { rate: 2, burst: 1, clock })) times.push(clock.now());
    expect(times).toEqual([0, 500, 1000, 1500]);
  });
});

describe('replayJsonl', () => {
  it('reads one envelope per line, skipping blank lines and naming bad ones', async () => {
    const bad: ReplayError[] = [];
    const events = await collect(replayJsonl(EVENTS, { onBadRow: (error) => bad.push(error) }));
    // Without a registry only the envelope basics are checked, so the quantity-0 line passes.
    expect(events).toHaveLength(5);
    expect(bad.map((error) => [error.line, error.reason.slice(0, 12)])).toEqual([[4, 'invalid JSON']]);
  });

  it('validates each line with a registry when given one', async () => {
    const bad: ReplayError[] = [];
    const events = await collect(
      replayJsonl(EVENTS, { registry: dropshippingRegistry, onBadRow: (error) => bad.push(error) }),
    );
    expect(events).toHaveLength(4);
    expect(events[0]?.event_data.order.id).toMatch(/^ORDER_/);
    expect(bad.map((error) => error.line)).toEqual([4, 7]);
    expect(bad[1]?.reason).toContain('event_data.order.quantity');
  });

  it('throws at the first bad line by default', async () => {
    const error = await failureOf(replayJsonl(EVENTS));
    expect(error.line).toBe(4);
  });
});

describe('replay', () => {
  it('picks the reader from the extension', async () => {
    expect(await collect(replay(ORDERS))).toHaveLength(4);
    expect(await collect(replay(EVENTS, { onBadRow: () => undefined }))).toHaveLength(5);
    expect(() => replay(`${FIXTURES}orders.xlsx`)).toThrow(ConfigError);
    expect(() => replayCsv(ORDERS, { onBadRow: 'skip' as unknown as 'throw' })).toThrow(/`replay.onBadRow`/);
  });
});
