import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decimal } from '../../../src/events/column-types.js';
import { defineEvent } from '../../../src/events/define-event.js';
import { dropshippingRegistry } from '../../../src/events/dropshipping.js';
import { type FastEvent, fastPathOf } from '../../../src/events/fast-path/fast-path.js';
import { isShortestNumber } from '../../../src/events/fast-path/json-patterns.js';
import { dataOnly, field } from '../../../src/events/field.js';
import { createRegistry, type EventRegistry } from '../../../src/events/registry.js';
import { wineShopRegistry } from '../../../src/events/wine-shop.js';
import { toJsonText } from '../../../src/sink/json-text.js';
import { generatedEvents, mutatedLine } from '../load/event-mutations.js';

/** The registry's own verdict, in the fast path's terms: what RAW would get, or undefined. */
function registryRow(registry: EventRegistry, text: string): FastEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = registry.parse(json);
  if (!result.ok) return undefined;
  const { event } = result;
  return {
    eventId: event.event_id,
    eventType: event.event_type,
    eventTimestamp: event.event_timestamp,
    productId: event.product_id,
    customerId: event.customer_id,
    eventData: toJsonText(event.event_data),
    source: toJsonText(event.source),
  };
}

/** Asserts the fast path agrees with the registry on `text`; returns whether it matched. */
function agrees(registry: EventRegistry, text: string): boolean {
  const path = fastPathOf(registry);
  if (path === undefined) throw new Error('no fast path');
  const fast = path.match(text, false);
  if (fast !== undefined) expect(fast, text).toEqual(registryRow(registry, text));
  return fast !== undefined;
}

describe('the fast path from JSON text to RAW values', () => {
  it('matches every generated event of both domains, giving the row the registry gives', () => {
    const events = generatedEvents(2_000, 11);
    for (const event of events) {
      const type = String(event.event_type);
      const registry = wineShopRegistry.get(type) === undefined ? dropshippingRegistry : wineShopRegistry;
      expect(agrees(registry, JSON.stringify(event))).toBe(true);
    }
    expect(fastPathOf(wineShopRegistry)?.unmatched.size).toBe(0);
    expect(fastPathOf(dropshippingRegistry)?.unmatched.size).toBe(0);
  });

  it('never gives a row the registry would not, whatever is wrong with the event (property)', () => {
    const events = generatedEvents(200, 3);
    const both = createRegistry([...wineShopRegistry.definitions, ...dropshippingRegistry.definitions]);
    let matched = 0;
    let declined = 0;
    fc.assert(
      fc.property(mutatedLine(events), (text) => {
        if (agrees(both, text)) matched++;
        else declined++;
      }),
      { numRuns: 4_000, seed: 17 },
    );
    // Some mutations keep an event valid and written as JSON.stringify writes it; most do not.
    expect(matched).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(1_000);
  });

  it('declines what JSON.stringify would write otherwise, which the registry still accepts', () => {
    const [event] = generatedEvents(1, 5);
    const text = JSON.stringify(event);
    const path = fastPathOf(wineShopRegistry);
    expect(path?.match(text, true)).toBeDefined();
    const variants = [
      text.replace('":', '": '),
      text.replace(/"quantity":(\d+)/, '"quantity":$1.0'),
      text.replace('"event_id"', '"event_id" '),
      text.replace(/"source":(\{[^}]*\})/, '"source":$1').replace(/^\{/, '{ '),
      text.replace(/"order_id":"O/, '"order_id":"\\u004f'),
    ];
    for (const variant of variants) {
      expect(registryRow(wineShopRegistry, variant), variant).toBeDefined();
      expect(path?.match(variant, true), variant).toBeUndefined();
    }
  });

  it('declines a lone surrogate in a string source, which JSON.stringify would escape', () => {
    const [event] = generatedEvents(1, 5);
    const text = JSON.stringify(event).replace(/"shipping_address":"/, '"shipping_address":"\ud800');
    expect(fastPathOf(wineShopRegistry)?.match(text, false)).toBeUndefined();
  });

  it('is only offered for registries createRegistry built', () => {
    expect(fastPathOf({ parse: (input: unknown) => wineShopRegistry.parse(input) })).toBeUndefined();
    expect(fastPathOf({ ...wineShopRegistry })).toBeUndefined();
  });
});

const notSeven = (n: number) => n !== 7;
const asyncRule = async () => true;

/** Every construct the fast path reads, around values of any kind. */
const everything = defineEvent({
  type: 'EVERYTHING',
  version: 3,
  description: 'every construct',
  productId: 'optional',
  customerId: 'none',
  data: z.strictObject({
    first: field(z.string().max(4).optional(), { type: 'string' }),
    second: field(z.int().min(0).optional(), { type: 'integer' }),
    note: field(z.string().nullable(), { type: 'string' }),
    flag: field(z.boolean().default(false), { type: 'boolean' }),
    kind: field(z.literal(['a', 'b', 7, null]), { type: 'string' }),
    size: field(z.enum(['S', 'M']).nullable().optional(), { type: 'string' }),
    amount: field(z.number().refine(notSeven), { type: decimal(8, 3) }),
    nested: field(
      z.strictObject({
        x: z.number().optional(),
        y: z.strictObject({ z: z.boolean() }).nullable(),
      }),
      { type: 'variant' },
    ),
    copy: dataOnly(z.string().default('none')),
  }),
});
const everythingRegistry = createRegistry([everything]);

const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 7, 7.5, 1.25, 2 ** 53, 1e21, 1e-7, 'a', 'b', 'S', 'XL', ''),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constant({ x: 1, y: null }),
  fc.constant({ x: 1.5, y: { z: true } }),
  fc.constant({ y: { z: 'no' } }),
  fc.constant([1]),
);
/** A field's values: mostly valid ones, now and then anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyValue, weight: 1 });
const everythingData = fc.record(
  {
    first: mostly(fc.string({ maxLength: 5, unit: 'grapheme' })),
    second: mostly(fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1))),
    note: mostly(fc.option(fc.string({ maxLength: 8 }))),
    flag: mostly(fc.boolean()),
    kind: mostly(fc.constantFrom('a', 'b', 7, null)),
    size: mostly(fc.constantFrom('S', 'M', null)),
    amount: mostly(
      fc.oneof(
        fc.integer({ min: -99_999_999, max: 99_999_999 }).map((n) => n / 1000),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.constantFrom(7, 0.1 + 0.2, 99999.999, 100000),
      ),
    ),
    nested: mostly(
      fc.record(
        {
          x: fc.double({ noNaN: true, noDefaultInfinity: true }),
          y: fc.option(fc.record({ z: fc.boolean() })),
        },
        { requiredKeys: ['y'] },
      ),
    ),
    copy: mostly(fc.string({ maxLength: 4 })),
  },
  { requiredKeys: ['note', 'kind', 'amount', 'nested'] },
);
const everythingText = fc
  .record({
    data: everythingData,
    productId: fc.constantFrom(undefined, null, 'P-1', 3),
    reversed: fc.boolean(),
  })
  .map(({ data, productId, reversed }) => {
    const eventData = reversed ? Object.fromEntries(Object.entries(data).reverse()) : data;
    return JSON.stringify({
      event_id: '963e5ff1-da35-4206-acce-a70e324f3c90',
      event_type: 'EVERYTHING',
      event_timestamp: '2025-10-19T08:00:00.000Z',
      product_id: productId,
      event_data: eventData,
      source: { producer: 'p', schema_version: 3 },
    });
  });

describe('the fast path on every construct it reads', () => {
  it('agrees with the registry on any value of any field (property)', () => {
    let matched = 0;
    fc.assert(
      fc.property(everythingText, (text) => {
        if (agrees(everythingRegistry, text)) matched++;
      }),
      { numRuns: 5_000, seed: 23 },
    );
    expect(matched).toBeGreaterThan(20);
  });

  it('matches every valid event once written as JSON.stringify writes it, strings needing no escape (property)', () => {
    let valid = 0;
    fc.assert(
      fc.property(everythingText, (text) => {
        const result = everythingRegistry.parse(JSON.parse(text));
        const canonical = JSON.stringify(result.ok ? result.event : null);
        // An escaped string is left to the usual path by design: its text is not its value.
        if (!result.ok || canonical.includes('\\')) return;
        valid++;
        expect(agrees(everythingRegistry, canonical)).toBe(true);
      }),
      { numRuns: 5_000, seed: 29 },
    );
    expect(valid).toBeGreaterThan(20);
  });

  it('reads a first key left out, an empty nested object and a default left out of the envelope', () => {
    const text = (data: object, productId?: string) =>
      JSON.stringify({
        event_id: '963e5ff1-da35-4206-acce-a70e324f3c90',
        event_type: 'EVERYTHING',
        event_timestamp: '2025-10-19T08:00:00.000Z',
        ...(productId === undefined ? {} : { product_id: productId }),
        event_data: data,
        source: { producer: 'p', schema_version: 3 },
      });
    const data = { note: null, flag: true, kind: 7, amount: 1.5, nested: { y: null }, copy: 'c' };
    expect(agrees(everythingRegistry, text(data))).toBe(true);
    expect(fastPathOf(everythingRegistry)?.match(text(data), true)?.productId).toBeNull();
    expect(agrees(everythingRegistry, text({ first: 'ab', ...data }, 'P-9'))).toBe(true);
    // A default inside event_data that is left out would be written by JSON.stringify: not this text.
    const { flag: _, ...withoutFlag } = data;
    expect(registryRow(everythingRegistry, text(withoutFlag))).toBeDefined();
    expect(agrees(everythingRegistry, text(withoutFlag))).toBe(false);
    // A comma where no key came before is not JSON.
    expect(agrees(everythingRegistry, text(data).replace('"event_data":{', '"event_data":{,'))).toBe(false);
  });

  it('declines an event a refinement rejects, and one an async refinement would judge', () => {
    const asyncType = defineEvent({
      type: 'ASYNC',
      version: 1,
      description: 'an async refinement',
      productId: 'none',
      customerId: 'none',
      data: z.strictObject({ n: field(z.number().refine(asyncRule), { type: 'float' }) }),
    });
    const registry = createRegistry([asyncType]);
    const text = JSON.stringify({
      event_id: '963e5ff1-da35-4206-acce-a70e324f3c90',
      event_type: 'ASYNC',
      event_timestamp: '2025-10-19T08:00:00.000Z',
      event_data: { n: 1 },
      source: { producer: 'p', schema_version: 1 },
    });
    expect(fastPathOf(registry)?.match(text, true)).toBeUndefined();
    expect(fastPathOf(everythingRegistry)?.match(text.replace('ASYNC', 'EVERYTHING'), true)).toBeUndefined();
  });

  it('names each type it cannot read and why; those go the usual way', () => {
    const define = (type: string, n: z.ZodType) =>
      defineEvent({
        type,
        version: 1,
        description: type,
        productId: 'none',
        customerId: 'none',
        data: z.strictObject({ n: field(n, { type: 'variant' }) }),
      });
    const registry = createRegistry([
      define('LIST', z.array(z.number())),
      define('EITHER', z.union([z.string(), z.number()])),
      define('TRIMMED', z.string().trim()),
      define('PLAIN', z.number()),
    ]);
    const unmatched = fastPathOf(registry)?.unmatched;
    expect([...(unmatched?.keys() ?? [])].sort()).toEqual(['EITHER', 'LIST', 'TRIMMED']);
    expect(unmatched?.get('TRIMMED')).toMatch(/rewrites/);
  });
});

describe('isShortestNumber', () => {
  it('is true exactly when String() of the number gives the same text (property)', () => {
    const json = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
    const numberText = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc
        .tuple(
          fc.boolean(),
          fc.stringMatching(/^(0|[1-9][0-9]{0,19})$/),
          fc.stringMatching(/^[0-9]{0,19}$/),
          fc.option(fc.integer({ min: -30, max: 30 })),
        )
        .map(([minus, whole, fraction, exponent]) =>
          [
            minus ? '-' : '',
            whole,
            fraction ? `.${fraction}` : '',
            exponent === null ? '' : `e${exponent}`,
          ].join(''),
        ),
      fc.tuple(fc.nat(9), fc.nat(9)).map(([zeros, digit]) => `0.${'0'.repeat(zeros)}${digit}`),
    );
    fc.assert(
      fc.property(numberText, (text) => {
        fc.pre(json.test(text));
        const value = Number(text);
        expect(isShortestNumber(text, value)).toBe(String(value) === text);
      }),
      { numRuns: 50_000, seed: 31 },
    );
  });
});
