import type { WineProduct } from './catalogue.js';

/**
 * Running stock per product. Orders and adjustments both move it, and every INVENTORY_ADJUSTED
 * reports the level after its own change, so the adjustment stream alone tells the current stock.
 */
export class StockLedger {
  readonly #levels: Int32Array;
  readonly #parLevels: Int32Array;

  constructor(products: readonly WineProduct[]) {
    this.#levels = Int32Array.from(products, (product) => product.parLevel);
    this.#parLevels = Int32Array.from(products, (product) => product.parLevel);
  }

  /** Current level of product `index` (may be negative only after an injected LOSS). */
  level(index: number): number {
    return this.#levels[index] ?? 0;
  }

  /** Apply a change and return the new level. */
  apply(index: number, change: number): number {
    const next = this.level(index) + change;
    this.#levels[index] = next;
    return next;
  }

  /** Below a quarter of the par level the shop reorders at the next adjustment. */
  isLow(index: number): boolean {
    return this.level(index) <= (this.#parLevels[index] ?? 0) / 4;
  }

  /** Bottles to order to get back to par, in whole cases of six, at least one case. */
  restockQuantity(index: number): number {
    const missing = (this.#parLevels[index] ?? 0) - this.level(index);
    return Math.max(6, Math.ceil(missing / 6) * 6);
  }
}
