import { objectName } from '../ddl/spec/names.js';
import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import { wineShopRegistry } from '../events/wine-shop.js';
import type { CheckSuiteOptions } from './suite.js';

/**
 * The wine shop's checks: its spec and event schemas, plus the two rules the schemas cannot say in
 * SQL: order totals equal round2(quantity × unit price × (1 − discount)), and no product's current
 * stock below zero (a WARN: the events module lets a negative level through as a fact to flag).
 *
 * @example
 * const report = await runChecks({ warehouse: local.warehouse, ...wineShopChecks });
 */
export const wineShopChecks = Object.freeze({
  spec: wineShopSpec,
  registry: wineShopRegistry,
  rules: {
    totals: [
      {
        name: 'order_totals',
        table: objectName('STAGING', 'STG_ORDERS'),
        total: 'TOTAL_AMOUNT',
        quantity: 'QUANTITY',
        unitPrice: 'UNIT_PRICE',
        discount: 'DISCOUNT',
      },
    ],
    minimums: [
      {
        name: 'stock_below_zero',
        title: 'Products whose current stock level is below zero',
        table: objectName('PRODUCTION', 'INVENTORY_CURRENT'),
        column: 'CURRENT_STOCK_LEVEL',
        min: 0,
        severity: 'warn',
      },
    ],
  },
} satisfies CheckSuiteOptions);
