import { describe, expect, it } from 'vitest';
import {
  dropshippingOrderCreated,
  dropshippingRegistry,
  inventoryAdjusted,
  orderCreated,
  wineShopRegistry,
} from '../../../src/events/index.js';

type Schema = {
  $schema?: string;
  type?: string;
  title?: string;
  description?: string;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, Schema>;
  enum?: unknown[];
  const?: unknown;
};

describe('JSON Schema export', () => {
  it.each([
    { definition: orderCreated, exported: wineShopRegistry.jsonSchema('ORDER_CREATED') },
    { definition: inventoryAdjusted, exported: wineShopRegistry.jsonSchema('INVENTORY_ADJUSTED') },
    { definition: dropshippingOrderCreated, exported: dropshippingRegistry.jsonSchema('order_created') },
  ])('describes $definition.type as a strict object with its required fields', ({ definition, exported }) => {
    const schema = exported as Schema;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: definition.type,
      description: definition.description,
      additionalProperties: false,
    });
    expect(schema.required).toEqual(
      expect.arrayContaining(['event_id', 'event_type', 'event_timestamp', 'event_data', 'source']),
    );
    expect(schema.properties?.event_type?.const).toBe(definition.type);
    expect(schema.properties?.event_data?.additionalProperties).toBe(false);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('names the required event_data fields; a defaulted discount is optional for producers', () => {
    const data = (orderCreated.jsonSchema() as Schema).properties?.event_data;
    expect(data?.required).toEqual(
      expect.arrayContaining(['order_id', 'quantity', 'unit_price', 'total_amount']),
    );
    expect(data?.required).not.toContain('discount');
    expect(data?.properties?.product_category?.enum).toEqual([
      'Rouge',
      'Blanc',
      'Rosé',
      'Effervescent',
      'Spiritueux',
    ]);
  });

  it('does not require customer_id of a type that has none', () => {
    expect((inventoryAdjusted.jsonSchema() as Schema).required).not.toContain('customer_id');
    expect((orderCreated.jsonSchema() as Schema).required).toContain('customer_id');
  });

  it('returns a fresh copy each time, so a caller cannot corrupt it', () => {
    const first = orderCreated.jsonSchema() as Schema;
    first.title = 'changed';
    expect((orderCreated.jsonSchema() as Schema).title).toBe('ORDER_CREATED');
  });
});
