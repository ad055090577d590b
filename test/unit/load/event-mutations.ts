import fc from 'fast-check';
import {
  createGenerator,
  dropshipping,
  injectFaults,
  serializeFaultyItem,
  wineShop,
} from '../../../src/generate/index.js';

type Json = Record<string, unknown>;

/** Generated events of both shipped domains, as plain objects. */
export function generatedEvents(count: number, seed: number): Json[] {
  const half = Math.ceil(count / 2);
  return [
    ...(createGenerator(wineShop, { seed }).take(half) as unknown as Json[]),
    ...(createGenerator(dropshipping, { seed }).take(count - half) as unknown as Json[]),
  ];
}

/** Every fault the generator's injector produces (truncated JSON, missing field, wrong type). */
export function faultyLines(events: readonly Json[], seed: number): string[] {
  const items = injectFaults(events, { malformedRate: 0.9, duplicateRate: 0.1, lateRate: 0.1, seed });
  return [...items].map(serializeFaultyItem);
}

const clone = (event: Json): Json => structuredClone(event);
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** The object holding an event's fields (event_data, or event_data.order); a scratch object once broken. */
const dataOf = (event: Json): Json => {
  const data = isObject(event.event_data) ? event.event_data : {};
  return isObject(data.order) ? data.order : data;
};
const pick = <T>(values: readonly T[], n: number): T => values[n % values.length] as T;

const WRONG_VALUES: readonly unknown[] = [
  null,
  'six',
  '',
  6,
  -1,
  0,
  1.5,
  0.001,
  1e21,
  2 ** 53,
  true,
  [],
  {},
  [1, 2],
  'x'.repeat(501),
  '🍷'.repeat(101),
  '🍷'.repeat(100),
  'é'.repeat(250),
];
const TIMESTAMPS = [
  '2025-10-19T08:00:00Z',
  '2025-10-19T08:00:00.123456789Z',
  '2025-10-19T08:00:00+02:00',
  '2025-10-19 08:00:00Z',
  '2024-02-29T00:00:00.000Z',
  '2025-02-29T00:00:00.000Z',
  '2025-10-19T24:00:00.000Z',
  '2025-10-19T08:00Z',
  '2025-10-19',
];
const UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '963e5ff1-da35-9206-acce-a70e324f3c90',
  '963e5ff1-da35-4206-ccce-a70e324f3c90',
  '963e5ff1da354206accea70e324f3c90',
  '{963e5ff1-da35-4206-acce-a70e324f3c90}',
];

/** One field-level mutation: a description and how it changes an event (or its JSON text). */
type Mutation = (event: Json, n: number) => Json | string;

const MUTATIONS: readonly Mutation[] = [
  // wrong types, out of range, wrong enum, text limits
  (e, n) => {
    const data = dataOf(e);
    const key = pick(Object.keys(data), n);
    data[key] = pick(WRONG_VALUES, Math.floor(n / 7));
    return e;
  },
  (e, n) => {
    const key = pick(['event_id', 'event_type', 'event_timestamp', 'product_id', 'customer_id', 'source'], n);
    e[key] = pick(WRONG_VALUES, Math.floor(n / 5));
    return e;
  },
  // missing fields, at every level
  (e, n) => {
    const target = pick([e, dataOf(e), isObject(e.source) ? e.source : {}], n);
    delete target[pick(Object.keys(target), Math.floor(n / 3))];
    return e;
  },
  // unknown keys
  (e, n) => {
    const target = pick(
      [e, dataOf(e), isObject(e.source) ? e.source : {}, isObject(e.event_data) ? e.event_data : {}],
      n,
    );
    target[pick(['extra', '__proto__', 'Order_Id', 'EVENT_ID'], Math.floor(n / 4))] = 1;
    return e;
  },
  (e, n) => ({ ...e, event_id: pick(UUIDS, n) }),
  (e, n) => ({ ...e, event_timestamp: pick(TIMESTAMPS, n) }),
  (e, n) => ({
    ...e,
    event_type: pick(['order_created', 'ORDER_CREATED', 'INVENTORY_ADJUSTED', 'NOPE', ''], n),
  }),
  (e, n) => {
    if (isObject(e.source)) e.source.schema_version = pick([2, 1.0, '1', 0, null], n);
    return e;
  },
  // decimals, totals, signs, zero change
  (e, n) => {
    const data = dataOf(e);
    const key = pick(['unit_price', 'total_amount', 'discount', 'bottle_size_liters', 'quantity'], n);
    if (typeof data[key] === 'number')
      data[key] = (data[key] as number) + pick([0.001, 0.01, 1e-9, -1000, 0.1 + 0.2], n);
    return e;
  },
  (e, n) => {
    const data = dataOf(e);
    if ('quantity_change' in data) data.quantity_change = pick([0, -0, 5, -5, 2.5], n);
    if ('adjustment_type' in data)
      data.adjustment_type = pick(['RESTOCK', 'SALE', 'LOSS', 'CORRECTION', 'THEFT'], n);
    if ('discount' in data) data.discount = pick([0, 0.15, 0.1234, 0.12345, 1, -0.1], n);
    return e;
  },
  (e, n) => {
    const data = dataOf(e);
    for (const key of ['customer_id', 'product_id'])
      if (key in data) data[key] = pick(['CUST-1', 'CUST_000001', 'PROD_000001'], n);
    return e;
  },
  (e, n) => {
    e.customer_id = pick([null, undefined, 'CUST-00001', 'CUST_000001'], n);
    if (e.customer_id === undefined) delete e.customer_id;
    return e;
  },
  // text-level variants JSON.parse and DuckDB must read alike (or leave to JavaScript)
  (e, n) => {
    const text = JSON.stringify(e);
    const variants = [
      text.replaceAll('":', '" : '),
      text.replace(/"quantity":(\d+)/, '"quantity":$1.0'),
      text.replace(/"unit_price":([\d.]+)/, '"unit_price":$1e0'),
      text.replace(/"total_amount":(\d+)(,|})/, '"total_amount":$1.00$2'),
      text.replace('é', '\\u00e9').replace('"event_type":"O', '"event_type":"\\u004f'),
      text.replace(/}$/, ',}'),
      text.replace(/"event_type":"([^"]+)",/, '"event_type":"$1","event_type":"NOPE",'),
      text.replace(/"event_type":"([^"]+)",/, '"event_type":"NOPE","event_type":"$1",'),
      `\uFEFF${text}`,
      `\t${text} `,
      text.replace(/"shipping_address":"/, '"shipping_address":"\\ud83c'),
      text.replace(/"reason":"/, '"reason":"\\n\\t\\u0001\\"'),
      text.replace(/"product_name":"/, '"product_name":"\\ud83c\\udf77'),
      text.replace(/:(\d+)([,}])/, ':NaN$2'),
      text.replace(/:(\d+)([,}])/, ':1e400$2'),
      text.replace(/"quantity":(\d+)/, '"quantity":9007199254740993'),
      text.slice(0, Math.max(1, Math.floor((text.length * ((n % 9) + 1)) / 10))),
    ];
    return pick(variants, n);
  },
];

/** A line built from one of `events` by one mutation: a fast-check arbitrary of JSON text. */
export function mutatedLine(events: readonly Json[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(events.length - 1), fc.nat(MUTATIONS.length - 1), fc.nat(1000), fc.boolean())
    .map(([index, mutation, n, twice]) => {
      let event = clone(events[index] as Json);
      const apply = (m: number, k: number): string | undefined => {
        const result = (MUTATIONS[m] as Mutation)(event, k);
        if (typeof result === 'string') return result;
        event = result;
        return undefined;
      };
      const text =
        apply(mutation, n) ?? (twice ? apply((mutation + n) % MUTATIONS.length, n + 1) : undefined);
      return text ?? JSON.stringify(event);
    });
}
