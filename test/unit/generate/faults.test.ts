import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import {
  createGenerator,
  dropshipping,
  type FaultyItem,
  injectFaults,
  serializeFaultyItem,
} from '../../../src/generate/index.js';
import { collect } from './support.js';

const source = () => createGenerator(dropshipping, { seed: 10 }).take(3000);
const RATES = { duplicateRate: 0.03, lateRate: 0.02, malformedRate: 0.04, seed: 5 };

function rejected(raw: string): boolean {
  try {
    return !dropshippingRegistry.parse(JSON.parse(raw)).ok;
  } catch {
    return true;
  }
}

describe('injectFaults', () => {
  it('tags each injected fault and counts it in stats', () => {
    const events = source();
    const faulty = injectFaults(events, RATES);
    const items = [...faulty];
    const count = (fault: string) => items.filter((item) => item.fault === fault).length;
    expect(count('duplicate')).toBe(faulty.stats.duplicate);
    expect(count('late')).toBe(faulty.stats.late);
    expect(count('malformed')).toBe(faulty.stats.malformed);
    expect(faulty.stats.duplicate).toBeGreaterThan(40);
    expect(faulty.stats.late).toBeGreaterThan(20);
    expect(faulty.stats.malformed).toBeGreaterThan(60);
    expect(items).toHaveLength(events.length + faulty.stats.duplicate + faulty.stats.malformed);
    expect(faulty.stats.delivered).toBe(items.length);
    const variants = faulty.stats.malformedByVariant;
    expect(variants['truncated-json'] + variants['missing-field'] + variants['wrong-type']).toBe(
      faulty.stats.malformed,
    );
  });

  it('delivers every source event exactly once apart from duplicates', () => {
    const events = source();
    const items = [...injectFaults(events, RATES)];
    const delivered = items.flatMap((item) =>
      item.event !== undefined && item.fault !== 'duplicate' ? [item.event] : [],
    );
    expect(delivered.map((event) => event.event_id).sort()).toEqual(
      events.map((event) => event.event_id).sort(),
    );
  });

  it('makes duplicates repeat an id already delivered and late events arrive after newer ones', () => {
    const items = [...injectFaults(source(), RATES)];
    const seen = new Set<string>();
    let newest = '';
    for (const item of items) {
      if (item.event === undefined) continue;
      const { event_id: id, event_timestamp: at } = item.event;
      if (item.fault === 'duplicate') expect(seen.has(id)).toBe(true);
      if (item.fault === 'late') expect(at < newest).toBe(true);
      else if (item.fault === undefined) expect(at > newest).toBe(true);
      seen.add(id);
      if (at > newest) newest = at;
    }
  });

  it('makes every malformed payload one the registry rejects, with the tag outside the JSON', () => {
    const items = [...injectFaults(source(), RATES)];
    const malformed = items.filter(
      (item): item is Extract<FaultyItem<unknown>, { raw: string }> => item.raw !== undefined,
    );
    expect(malformed.length).toBeGreaterThan(0);
    for (const item of malformed) expect(rejected(serializeFaultyItem(item))).toBe(true);
    for (const item of items) {
      if (item.event !== undefined) expect(serializeFaultyItem(item)).toBe(JSON.stringify(item.event));
    }
  });

  it('changes nothing at zero rates', () => {
    const events = source();
    const items = [...injectFaults(events, {})];
    expect(items.map((item) => item.event)).toEqual(events);
    expect(items.every((item) => item.fault === undefined)).toBe(true);
  });

  it('is reproducible for a fault seed and does not alter the events', () => {
    const a = [...injectFaults(source(), RATES)].map(serializeFaultyItem);
    const b = [...injectFaults(source(), RATES)].map(serializeFaultyItem);
    expect(b).toEqual(a);
  });

  it('wraps an async source too', async () => {
    const faulty = injectFaults(createGenerator(dropshipping, { seed: 10 }).stream({ count: 500 }), RATES);
    const items = await collect(faulty);
    expect(items).toHaveLength(500 + faulty.stats.duplicate + faulty.stats.malformed);
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => injectFaults([], { duplicateRate: 2 })).toThrow(ConfigError);
    expect(() => injectFaults([], { duplicateRate: 2 })).toThrow(/`faults.duplicateRate`/);
    expect(() => injectFaults([], { lateByEvents: 0 })).toThrow(/`faults.lateByEvents`/);
  });
});
