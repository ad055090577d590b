import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  dropshippingOrderCreated,
  expectedTotal,
  inventoryAdjusted,
  MAX_ISSUES,
  orderCreated,
  type ParseResult,
} from '../../../src/events/index.js';
import { anyValidEventArb, pathsOf, REMOVE, wineOrderArb, withValueAt } from './arbitraries.js';
import type { Json } from './fixtures.js';

const registry = createRegistry([orderCreated, inventoryAdjusted, dropshippingOrderCreated]);

/** Parses and checks the shape every failure must have; returns the issue paths as `a.b.c`. */
function rejectedPaths(input: unknown): string[] {
  const result: ParseResult<unknown> = registry.parse(input);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  const { issues } = result.error;
  expect(issues.length).toBeGreaterThan(0);
  expect(issues.length).toBeLessThanOrEqual(MAX_ISSUES);
  for (const issue of issues) {
    expect(issue.path.every((segment) => typeof segment === 'string' || typeof segment === 'number')).toBe(
      true,
    );
    expect(issue.code).toMatch(/^[a-z_]+$/);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeLessThanOrEqual(400);
  }
  expect(JSON.stringify(result).length).toBeLessThan(20_000);
  return issues.map((issue) => issue.path.join('.'));
}

/** What a valid event parses to: absent ids become null, an absent discount becomes 0. */
function normalized(event: Json): Json {
  const copy = structuredClone(event);
  copy.customer_id ??= null;
  if (copy.event_type === 'ORDER_CREATED') copy.event_data.discount ??= 0;
  return copy;
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
/** Where removing a field is reported: nowhere when it is optional, at the total for a discount. */
function removalReportedAt(event: Json, path: string): string | undefined {
  if (event.event_type === 'INVENTORY_ADJUSTED' && path === 'customer_id') return undefined;
  if (event.event_type === 'ORDER_CREATED' && path === 'event_data.discount') {
    // Without a discount the total must be quantity × unit price; only a total that differs from that
    // (a real discount on a non-zero amount) is reported, at total_amount.
    const { quantity, unit_price, total_amount } = event.event_data;
    const undiscounted = expectedTotal(Number(quantity), Number(unit_price), 0);
    return undiscounted === total_amount ? undefined : 'event_data.total_amount';
  }
  return path;
}
const leafPaths = (event: Json) =>
  pathsOf(event).filter((path) => typeof pathValue(event, path) !== 'object');
function pathValue(event: Json, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], event);
}

describe('registry.parse properties', () => {
  it('parses every valid generated event to itself, normalized', () => {
    fc.assert(
      fc.property(anyValidEventArb, (event) => {
        expect(registry.parse(event)).toEqual({ ok: true, event: normalized(event) });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary junk and always answers with structured issues', () => {
    const junk = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    fc.assert(
      fc.property(junk, (input) => {
        rejectedPaths(input);
      }),
      { numRuns: 1_000 },
    );
  });

  it('reports a value of the wrong type at its own path', () => {
    const replacement = fc.anything().filter((value) => value !== undefined);
    const arb = anyValidEventArb.chain((event) =>
      fc.tuple(fc.constant(event), fc.constantFrom(...pathsOf(event)), replacement),
    );
    fc.assert(
      fc.property(arb, ([event, path, value]) => {
        const broken = withValueAt(event, path, value);
        const original = pathValue(event, path);
        if (original === null || kindOf(original) === kindOf(value)) {
          const result = registry.parse(broken);
          if (!result.ok) rejectedPaths(broken);
          return;
        }
        expect(rejectedPaths(broken)).toContain(path.join('.'));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reports a missing field at its path, unless the field is optional (an absent discount means 0)', () => {
    const arb = anyValidEventArb.chain((event) =>
      fc.tuple(fc.constant(event), fc.constantFrom(...pathsOf(event))),
    );
    fc.assert(
      fc.property(arb, ([event, path]) => {
        const broken = withValueAt(event, path, REMOVE);
        const reportedAt = removalReportedAt(event, path.join('.'));
        if (reportedAt === undefined) expect(registry.parse(broken).ok).toBe(true);
        else expect(rejectedPaths(broken)).toContain(reportedAt);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an unknown key at any level, naming it (nothing is silently dropped)', () => {
    const objectPaths = (event: Json) => [
      [],
      ...pathsOf(event).filter((path) => kindOf(pathValue(event, path)) === 'object'),
    ];
    const arb = anyValidEventArb.chain((event) =>
      fc.tuple(
        fc.constant(event),
        fc.constantFrom(...objectPaths(event)),
        fc.string({ maxLength: 30 }),
        fc.jsonValue(),
      ),
    );
    fc.assert(
      fc.property(arb, ([event, path, key, value]) => {
        const broken = structuredClone(event);
        const target = path.length === 0 ? broken : (pathValue(broken, path) as Record<string, unknown>);
        if (Object.hasOwn(target, key)) return;
        // defineProperty, like JSON.parse, makes even `__proto__` an own key.
        Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
        expect(rejectedPaths(broken)).toContain([...path, key].join('.'));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a huge string in any field without echoing it', () => {
    const arb = anyValidEventArb.chain((event) =>
      fc.tuple(
        fc.constant(event),
        fc.constantFrom(...leafPaths(event)),
        fc.integer({ min: 100_000, max: 3_000_000 }),
        fc.string({ minLength: 1, maxLength: 4 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([event, path, length, unit]) => {
        const huge = unit.repeat(Math.ceil(length / unit.length));
        expect(rejectedPaths(withValueAt(event, path, huge))).toContain(path.join('.'));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a lone surrogate in free text as invalid_unicode', () => {
    const textFields = ['product_name', 'shipping_address'];
    const lone = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800');
    const arb = fc.tuple(wineOrderArb, fc.constantFrom(...textFields), lone, fc.nat({ max: 20 }));
    fc.assert(
      fc.property(arb, ([event, name, surrogate, at]) => {
        const value = String(event.event_data[name]);
        const text = value.slice(0, at) + surrogate + value.slice(at);
        const surrogateAt = at - 1;
        const splitsPair =
          /[\uD800-\uDBFF]/.test(value.charAt(surrogateAt)) && surrogate.startsWith('\uDC00');
        if (splitsPair) return; // `\uD83C` + `\uDC00` would form a valid pair again
        const result = registry.parse(withValueAt(event, ['event_data', name], text));
        expect(!result.ok && result.error.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toContain(
          `invalid_unicode@event_data.${name}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('takes bytes that were not UTF-8 (decoded with replacement characters) as ordinary text', () => {
    const arb = fc.tuple(wineOrderArb, fc.uint8Array({ minLength: 1, maxLength: 150 }));
    fc.assert(
      fc.property(arb, ([event, bytes]) => {
        const decoded = new TextDecoder('utf-8').decode(bytes);
        const result = registry.parse(withValueAt(event, ['event_data', 'product_name'], decoded));
        expect(result.ok).toBe(decoded.length >= 1 && decoded.length <= 200);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on corrupted JSON messages that still parse', () => {
    const arb = fc.tuple(
      anyValidEventArb,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    );
    fc.assert(
      fc.property(arb, ([event, corruptions]) => {
        const bytes = new TextEncoder().encode(JSON.stringify(event));
        for (const [at, byte] of corruptions) bytes[at % bytes.length] = byte;
        let input: unknown;
        try {
          input = JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          return; // not JSON any more: the consumer's decoder reports that, not the registry
        }
        const result = registry.parse(input);
        if (!result.ok) rejectedPaths(input);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on very deep junk', () => {
    let deepObject: unknown = {};
    let deepArray: unknown = [];
    for (let depth = 0; depth < 100_000; depth++) {
      deepObject = { event_data: deepObject };
      deepArray = [deepArray];
    }
    rejectedPaths(deepObject);
    rejectedPaths(deepArray);
    fc.assert(
      fc.property(anyValidEventArb, (event) => {
        const dataPaths = rejectedPaths({ ...event, event_data: deepObject });
        expect(dataPaths.every((path) => path.startsWith('event_data'))).toBe(true);
        expect(rejectedPaths({ ...event, nested: deepArray })).toEqual(['nested']);
      }),
      { numRuns: 20 },
    );
  });
});
