import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  DuplicateEventTypeError,
  dropshippingOrderCreated,
  inventoryAdjusted,
  MAX_ISSUES,
  orderCreated,
  UnknownEventTypeError,
  wineShopRegistry,
} from '../../../src/events/index.js';
import { codesOf, issuesOf, validAdjustment, validDropshippingOrder, validOrder } from './fixtures.js';

describe('createRegistry', () => {
  it('lists its types in the order given and returns their definitions', () => {
    expect(wineShopRegistry.types).toEqual(['ORDER_CREATED', 'INVENTORY_ADJUSTED']);
    expect(wineShopRegistry.get('INVENTORY_ADJUSTED')).toBe(inventoryAdjusted);
    expect(wineShopRegistry.get('order_created')).toBeUndefined();
  });

  it('refuses two definitions of one type', () => {
    const attempt = () => createRegistry([orderCreated, inventoryAdjusted, orderCreated]);
    expect(attempt).toThrow(DuplicateEventTypeError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'ERR_DUPLICATE_EVENT_TYPE', eventType: 'ORDER_CREATED' }),
    );
  });

  it('dispatches each event to its own type, so one registry can hold both shops', () => {
    const registry = createRegistry([orderCreated, inventoryAdjusted, dropshippingOrderCreated]);
    const types = [validOrder(), validAdjustment(), validDropshippingOrder()].map((input) => {
      const result = registry.parse(input);
      return result.ok ? result.event.event_type : 'rejected';
    });
    expect(types).toEqual(['ORDER_CREATED', 'INVENTORY_ADJUSTED', 'order_created']);
  });

  it('throws UnknownEventTypeError, listing the known types, when asked for a JSON Schema it lacks', () => {
    const attempt = () => wineShopRegistry.jsonSchema('ORDER_CANCELLED' as 'ORDER_CREATED');
    expect(attempt).toThrow(UnknownEventTypeError);
    expect(attempt).toThrow('known types: ORDER_CREATED, INVENTORY_ADJUSTED');
  });
});

describe('registry.parse', () => {
  it('reports an unknown event type as an issue that lists the known types', () => {
    const event = { ...validOrder(), event_type: 'ORDER_CANCELLED' };
    const result = wineShopRegistry.parse(event);
    expect(result).toEqual({
      ok: false,
      error: {
        issues: [
          {
            path: ['event_type'],
            code: 'unknown_event_type',
            message: 'Unknown event type `ORDER_CANCELLED`; known types: ORDER_CREATED, INVENTORY_ADJUSTED',
          },
        ],
        eventType: 'ORDER_CANCELLED',
        eventId: '3b241101-e2bb-4255-8caf-4136c566a962',
      },
    });
  });

  it.each([
    [null, 'null'],
    [[validOrder()], 'an array'],
    ['{"event_type":"ORDER_CREATED"}', 'a value of type string'],
    [42, 'a value of type number'],
    [undefined, 'a value of type undefined'],
  ])('rejects a non-object at the root (%#)', (input, kind) => {
    expect(issuesOf(wineShopRegistry.parse(input))).toEqual([
      { path: [], code: 'not_an_object', message: `Expected an event object, got ${kind}` },
    ]);
  });

  it('rejects a missing or non-string event_type, naming the known types', () => {
    const { event_type: _dropped, ...withoutType } = validOrder();
    for (const input of [withoutType, { ...validOrder(), event_type: 7 }]) {
      const [issue] = issuesOf(wineShopRegistry.parse(input));
      expect(issue).toMatchObject({ path: ['event_type'], code: 'invalid_type' });
      expect(issue?.message).toContain('ORDER_CREATED, INVENTORY_ADJUSTED');
    }
  });

  it('collects every issue of an event, each with its path', () => {
    const event = validOrder();
    Object.assign(event.event_data, { quantity: 0, product_category: 'Bière', payment_method: 3 });
    expect(codesOf(wineShopRegistry.parse(event))).toEqual([
      'invalid_value@event_data.product_category',
      'too_small@event_data.quantity',
      'invalid_value@event_data.payment_method',
    ]);
  });

  it(`caps the issues at ${MAX_ISSUES} and says how many were left out`, () => {
    const event = validOrder();
    for (let i = 0; i < 50; i++) event.event_data[`extra_${i}`] = i;
    const issues = issuesOf(wineShopRegistry.parse(event));
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues.at(-1)).toEqual({ path: [], code: 'too_many_issues', message: '31 more issues not shown' });
  });

  it('shortens a huge event_type, event_id and unknown key instead of echoing them', () => {
    const huge = 'X'.repeat(1_000_000);
    const unknownType = wineShopRegistry.parse({ event_type: huge, event_id: huge });
    expect(JSON.stringify(unknownType).length).toBeLessThan(1_000);
    const unknownKey = wineShopRegistry.parse({ ...validOrder(), [huge]: 1 });
    expect(JSON.stringify(unknownKey).length).toBeLessThan(1_000);
  });

  it('never echoes field values in messages', () => {
    const event = validOrder();
    Object.assign(event.event_data, { shipping_address: 7, product_name: 'S3CRET-'.repeat(100) });
    const text = JSON.stringify(wineShopRegistry.parse(event));
    expect(text).not.toContain('S3CRET');
  });

  it('turns an input that throws while being read into an issue', () => {
    const hostile = validOrder();
    Object.defineProperty(hostile.event_data, 'quantity', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const trap = new Proxy(
      {},
      {
        get() {
          throw new TypeError('nope');
        },
      },
    );
    expect(codesOf(wineShopRegistry.parse(hostile))).toEqual(['unreadable_input@']);
    expect(codesOf(wineShopRegistry.parse(trap))).toEqual(['unreadable_input@']);
  });

  it('does not modify the input', () => {
    const event = validAdjustment();
    delete event.customer_id;
    const before = structuredClone(event);
    wineShopRegistry.parse(event);
    expect(event).toEqual(before);
  });
});

describe('registry.parse on JSON text', () => {
  it('rejects a "__proto__" key from JSON.parse as an unknown field, without touching prototypes', () => {
    const text = JSON.stringify(validOrder()).replace(
      '"order_id"',
      '"__proto__":{"polluted":true},"order_id"',
    );
    const input: unknown = JSON.parse(text);
    expect(codesOf(wineShopRegistry.parse(input))).toEqual(['unrecognized_key@event_data.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
