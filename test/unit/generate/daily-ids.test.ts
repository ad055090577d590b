import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import { DailyIds } from '../../../src/generate/wine-shop/daily-ids.js';

const ORDER_ID = /^ORD-\d{8}-\d{6}$/;

describe('wine-shop ids', () => {
  it('numbers orders and adjustments from 000001 within each day, unique across days', () => {
    const events = createGenerator(wineShop, { seed: 5, startTime: '2026-01-01T00:00:00Z' }).take(3000);
    const ids = events.map((e) =>
      e.event_type === 'ORDER_CREATED' ? e.event_data.order_id : e.event_data.adjustment_id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    const perDay = new Map<string, string[]>();
    for (const id of ids) {
      const [kind, day, number] = id.split('-');
      const key = `${kind}-${day}`;
      perDay.set(key, [...(perDay.get(key) ?? []), number ?? '']);
    }
    // A few hundred events a day by default: the run spans about ten days, each numbered from 1.
    expect(perDay.size).toBeGreaterThan(10);
    for (const numbers of perDay.values()) {
      expect(numbers).toEqual(numbers.map((_, i) => String(i + 1).padStart(6, '0')));
    }
  });

  it('stays within the schema past a million ids, as long as no day holds more than 999,999', () => {
    const ids = new DailyIds('ORD-', 'orders');
    let last = '';
    for (let i = 0; i < 600_000; i++) last = ids.next('2026-01-01T10:00:00.000Z');
    expect(last).toBe('ORD-20260101-600000');
    for (let i = 0; i < 600_000; i++) last = ids.next('2026-01-02T10:00:00.000Z');
    expect(last).toBe('ORD-20260102-600000');
    expect(last).toMatch(ORDER_ID);
  });

  it('throws a ConfigError naming meanIntervalMs when a day would need a seven-digit id', () => {
    const ids = new DailyIds('ORD-', 'orders');
    for (let i = 0; i < 999_999; i++) ids.next('2026-01-01T10:00:00.000Z');
    let thrown: unknown;
    try {
      ids.next('2026-01-01T23:59:59.999Z');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ code: 'ERR_CONFIG', field: 'generator.meanIntervalMs' });
    expect(String((thrown as Error).message)).toContain('1000000 orders on 20260101');
  });
});
