export {
  type ColumnKind,
  type ColumnType,
  type DecimalColumnType,
  decimal,
  describeColumnType,
  isColumnName,
  type SimpleColumnKind,
  toColumnType,
} from './column-types.js';
export { type ColumnSpec, columnNameOf, type IdPresence } from './columns.js';
export {
  columnsOf,
  type DataSchema,
  defineEvent,
  type EventDefinition,
  type EventOf,
  type EventSpec,
  type RuleViolation,
} from './define-event.js';
export {
  type DropshippingOrderEvent,
  dropshippingOrderCreated,
  dropshippingRegistry,
} from './dropshipping.js';
export type { Envelope, EventSource, IdRule } from './envelope.js';
export { DuplicateEventTypeError, EventDefinitionError, UnknownEventTypeError } from './errors.js';
export { type ColumnOptions, dataOnly, field } from './field.js';
export { MAX_ISSUES, type ParseFailure, type ParseIssue, type ParseResult } from './issues.js';
export { expectedTotal, roundCents, totalMatches } from './money.js';
export { createRegistry, type EventRegistry } from './registry.js';
export type { SqlRuleContext, SqlRules } from './sql-rules.js';
export { type TextOptions, text } from './text.js';
export {
  ADJUSTMENT_TYPES,
  type AdjustmentType,
  BOTTLE_SIZES_LITERS,
  type InventoryAdjustedEvent,
  inventoryAdjusted,
  type OrderCreatedEvent,
  orderCreated,
  PAYMENT_METHODS,
  SALES_CHANNELS,
  WINE_CATEGORIES,
  type WineCategory,
  type WineShopEvent,
  wineShopRegistry,
} from './wine-shop.js';
