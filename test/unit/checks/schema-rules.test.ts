import { describe, expect, it } from 'vitest';
import { schemaRules } from '../../../src/checks/schema-rules.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { WINE_CATEGORIES, wineShopRegistry } from '../../../src/events/wine-shop.js';

const staging = (type: string) => {
  const node = wineShopSpec.staging.find((s) => s.eventType === type);
  if (node === undefined) throw new Error(`no staging for ${type}`);
  return node;
};

describe('schemaRules', () => {
  it('turns the order schema into the violations to look for: negative prices, non-positive quantities, unknown values', () => {
    const { ranges, enums } = schemaRules(wineShopRegistry, staging('ORDER_CREATED'));
    expect(ranges).toEqual(
      expect.arrayContaining([
        { column: 'UNIT_PRICE', op: '<', bound: 0 },
        { column: 'QUANTITY', op: '<=', bound: 0 },
        { column: 'DISCOUNT', op: '>=', bound: 1 },
        { column: 'BOTTLE_SIZE_LITERS', op: '>', bound: 30 },
      ]),
    );
    expect(enums.find((e) => e.column === 'PRODUCT_CATEGORY')?.values).toEqual([...WINE_CATEGORIES]);
    expect(enums.map((e) => e.column).sort()).toEqual([
      'PAYMENT_METHOD',
      'PRODUCT_CATEGORY',
      'SALES_CHANNEL',
    ]);
  });

  it("skips zod's safe-integer bounds, which carry no business rule", () => {
    const { ranges } = schemaRules(wineShopRegistry, staging('INVENTORY_ADJUSTED'));
    expect(ranges).toEqual([]);
  });
});
