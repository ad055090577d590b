import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { createGenerator, wineShop } from '../../../src/generate/index.js';
import { DatedIds } from '../../../src/generate/wine-shop/dated-ids.js';

const ORDER_ID = /^ORD-\d{8}-\d{6}$/;

describe('wine-shop ids', () => {
  it("number orders and adjustments with the run's count, each kind its own, unique across days", () => {
    const events = createGenerator(wineShop, { seed: 5, startTime: '2026-01-01T00:00:00Z' }).take(3000);
    const orders = events.flatMap((e) => (e.event_type === 'ORDER_CREATED' ? [e.event_data.order_id] : []));
    const adjustments = events.flatMap((e) =>
      e.event_type === 'INVENTORY_ADJUSTED' ? [e.event_data.adjustment_id] : [],
    );
    for (const ids of [orders, adjustments]) {
      expect(ids.map((id) => id.slice(-6))).toEqual(ids.map((_, i) => String(i + 1).padStart(6, '0')));
      // A few hundred events a day by default: the run spans about ten days.
      expect(new Set(ids.map((id) => id.slice(4, 12))).size).toBeGreaterThan(5);
    }
  });

  it('wraps from 999,999 to 000001 and stays within the schema and unique past a million ids', () => {
    const ids = new DatedIds('ORD-', 'orders');
    const seen = new Set<string>();
    let last = '';
    for (let day = 1; day <= 3; day++) {
      for (let i = 0; i < 400_000; i++) {
        last = ids.next(`2026-01-0${day}T10:00:00.000Z`);
        seen.add(last);
      }
    }
    // 1,200,000 ids: the count wrapped once, on the third day.
    expect(last).toBe('ORD-20260103-200001');
    expect(last).toMatch(ORDER_ID);
    expect(seen.size).toBe(1_200_000);
  });

  it('throws a ConfigError naming meanIntervalMs when one day would need more than 999,999 ids', () => {
    const ids = new DatedIds('ORD-', 'orders');
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
