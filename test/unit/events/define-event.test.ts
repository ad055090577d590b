import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  columnsOf,
  createRegistry,
  dataOnly,
  decimal,
  defineEvent,
  EventDefinitionError,
  field,
  text,
} from '../../../src/events/index.js';
import { codesOf } from './fixtures.js';

const refundIssued = defineEvent({
  type: 'REFUND_ISSUED',
  version: 2,
  description: 'Money returned to a customer',
  productId: 'none',
  customerId: 'required',
  data: z.strictObject({
    refund_id: field(z.string().min(1), { type: 'string', key: true }),
    amount: field(z.number().positive(), { type: decimal(10, 2) }),
    refunded_at: field(z.iso.datetime(), { type: 'timestamp' }),
    note: field(text({ max: 100 }), { type: 'string' }).optional(),
    reviewed: field(z.boolean(), { type: 'boolean', name: 'IS_REVIEWED' }),
  }),
  check: (event) =>
    event.event_data.amount > 1000 && !event.event_data.reviewed
      ? [
          {
            path: ['event_data', 'reviewed'],
            code: 'review_required',
            message: 'Refunds over 1000 need a review',
          },
        ]
      : undefined,
});

function refund(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: 'c0a80101-0000-4000-8000-000000000001',
    event_type: 'REFUND_ISSUED',
    event_timestamp: '2026-11-23T12:00:00Z',
    customer_id: 'anyone-42',
    event_data: {
      refund_id: 'R1',
      amount: 12.5,
      refunded_at: '2026-11-23T11:59:00Z',
      reviewed: false,
      ...overrides,
    },
    source: { producer: 'refund-service', schema_version: 2 },
  };
}

describe('defineEvent: a user-defined type end to end', () => {
  const registry = createRegistry([refundIssued]);

  it('parses through a registry into a typed event, filling absent ids with null', () => {
    const result = registry.parse(refund());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const amount: number = result.event.event_data.amount;
    expect(amount).toBe(12.5);
    expect(result.event.product_id).toBeNull();
    expect(result.event.event_data.note).toBeUndefined();
  });

  it('applies the rules it declares, the column fit and its cross-field check', () => {
    expect(codesOf(registry.parse(refund({ amount: -1 })))).toEqual(['too_small@event_data.amount']);
    expect(codesOf(registry.parse(refund({ amount: 0.001 })))).toEqual([
      'too_many_decimals@event_data.amount',
    ]);
    expect(codesOf(registry.parse(refund({ amount: 5000 })))).toEqual([
      'review_required@event_data.reviewed',
    ]);
    expect(registry.parse(refund({ amount: 5000, reviewed: true })).ok).toBe(true);
    expect(codesOf(registry.parse({ ...refund(), product_id: 'P1' }))).toEqual(['invalid_type@product_id']);
    expect(codesOf(registry.parse({ ...refund(), source: { producer: 'x', schema_version: 1 } }))).toEqual([
      'invalid_value@source.schema_version',
    ]);
  });

  it('lists its columns: envelope first, then fields in order, optional ones nullable', () => {
    expect(columnsOf(refundIssued).map((c) => [c.name, c.type, c.nullable, c.key])).toEqual([
      ['EVENT_ID', { kind: 'string' }, false, false],
      ['EVENT_TIMESTAMP', { kind: 'timestamp' }, false, false],
      ['CUSTOMER_ID', { kind: 'string' }, false, false],
      ['REFUND_ID', { kind: 'string' }, false, true],
      ['AMOUNT', { kind: 'decimal', precision: 10, scale: 2 }, false, false],
      ['REFUNDED_AT', { kind: 'timestamp' }, false, false],
      ['NOTE', { kind: 'string' }, true, false],
      ['IS_REVIEWED', { kind: 'boolean' }, false, false],
    ]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(refundIssued)).toBe(true);
    expect(Object.isFrozen(refundIssued.columns)).toBe(true);
  });

  it('reports a check that throws as an issue instead of throwing', () => {
    const fragile = defineEvent({
      type: 'FRAGILE',
      version: 1,
      description: 'A check with a bug',
      data: z.strictObject({ n: field(z.int(), { type: 'integer' }) }),
      check: () => {
        throw new RangeError('bug');
      },
    });
    const result = createRegistry([fragile]).parse({
      event_id: 'c0a80101-0000-4000-8000-000000000002',
      event_type: 'FRAGILE',
      event_timestamp: '2026-11-23T12:00:00Z',
      event_data: { n: 1 },
      source: { producer: 'p', schema_version: 1 },
    });
    expect(codesOf(result)).toEqual(['check_failed@']);
  });
});

describe('defineEvent: nested objects', () => {
  it('walks into nested objects for columns, named after their path; an optional parent makes them nullable', () => {
    const shipped = defineEvent({
      type: 'PARCEL_SHIPPED',
      version: 1,
      description: 'A parcel left the warehouse',
      data: z.strictObject({
        parcel: z.strictObject({ trackingNumber: field(z.string(), { type: 'string', key: true }) }),
        carrier: z.strictObject({ name: field(z.string(), { type: 'string' }) }).optional(),
        raw: field(z.looseObject({}), { type: 'variant' }),
      }),
    });
    expect(shipped.columns.slice(4).map((c) => [c.name, c.nullable, c.path.join('.')])).toEqual([
      ['PARCEL_TRACKING_NUMBER', false, 'event_data.parcel.trackingNumber'],
      ['CARRIER_NAME', true, 'event_data.carrier.name'],
      ['RAW', false, 'event_data.raw'],
    ]);
  });
});

describe('defineEvent: programmer errors throw EventDefinitionError', () => {
  const data = z.strictObject({ id: field(z.string(), { type: 'string' }) });
  const base = { version: 1, description: 'd', data };

  it.each(['order created', '1ORDER', '', 'ORDER-CREATED', 'X'.repeat(65)])(
    'rejects the type name %j',
    (type) => {
      expect(() => defineEvent({ ...base, type })).toThrow(EventDefinitionError);
      expect(() => defineEvent({ ...base, type })).toThrow(
        expect.objectContaining({ code: 'ERR_EVENT_DEFINITION' }),
      );
    },
  );

  it.each([0, -1, 1.5, Number.NaN])('rejects version %d', (version) => {
    expect(() => defineEvent({ ...base, type: 'T', version })).toThrow(
      /version must be a positive whole number/,
    );
  });

  it('rejects an empty description', () => {
    expect(() => defineEvent({ ...base, type: 'T', description: ' ' })).toThrow(/description/);
  });

  it('rejects a plain z.object(), which would drop unknown keys, at any depth', () => {
    const top = z.object({ id: field(z.string(), { type: 'string' }) });
    const nested = z.strictObject({ inner: z.object({ id: field(z.string(), { type: 'string' }) }) });
    expect(() => defineEvent({ ...base, type: 'T', data: top })).toThrow(/event_data is a z.object\(\)/);
    expect(() => defineEvent({ ...base, type: 'T', data: nested })).toThrow(
      /event_data.inner is a z.object\(\)/,
    );
  });

  it('rejects a field without a column declaration, naming it', () => {
    const undeclared = z.strictObject({ id: field(z.string(), { type: 'string' }), colour: z.string() });
    expect(() => defineEvent({ ...base, type: 'T', data: undeclared })).toThrow(
      /event_data.colour has no column/,
    );
  });

  it('rejects two columns with one name, including a clash with the envelope', () => {
    const clash = z.strictObject({
      a: field(z.string(), { type: 'string', name: 'SAME' }),
      b: field(z.string(), { type: 'string', name: 'SAME' }),
    });
    const envelopeClash = z.strictObject({ customer_id: field(z.string(), { type: 'string' }) });
    expect(() => defineEvent({ ...base, type: 'T', data: clash })).toThrow(/column SAME is declared by both/);
    expect(() => defineEvent({ ...base, type: 'T', data: envelopeClash })).toThrow(/column CUSTOMER_ID/);
    const copied = z.strictObject({ customer_id: dataOnly(z.string()) });
    expect(defineEvent({ ...base, type: 'T', data: copied }).columns.map((c) => c.name)).toEqual([
      'EVENT_ID',
      'EVENT_TIMESTAMP',
      'PRODUCT_ID',
      'CUSTOMER_ID',
    ]);
  });

  it('rejects a bad column name, a bad decimal, and a schema that cannot fill its column', () => {
    expect(() => field(z.string(), { type: 'string', name: 'order id' })).toThrow(EventDefinitionError);
    expect(() => decimal(39, 2)).toThrow(/precision/);
    expect(() => decimal(10, 11)).toThrow(/scale/);
    expect(() => field(z.string(), { type: 'integer' })).toThrow(
      /a string schema cannot fill a column of type integer/,
    );
    expect(() => field(z.number(), { type: 'boolean' })).toThrow(EventDefinitionError);
  });

  it('leaves the schema handed to field() untouched, so it can be reused', () => {
    const shared = z.number();
    const a = field(shared, { type: 'integer', name: 'A' });
    expect(a).not.toBe(shared);
    expect(shared.safeParse(1.5).success).toBe(true);
    expect(a.safeParse(1.5).success).toBe(false);
  });
});
