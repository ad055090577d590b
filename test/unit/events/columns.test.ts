import { describe, expect, it } from 'vitest';
import {
  columnNameOf,
  columnsOf,
  describeColumnType,
  dropshippingOrderCreated,
  inventoryAdjusted,
  isColumnName,
  orderCreated,
} from '../../../src/events/index.js';

const summary = (definition: Parameters<typeof columnsOf>[0]) =>
  columnsOf(definition).map(
    (c) =>
      `${c.name} ${describeColumnType(c.type)}${c.nullable ? ' null' : ''}${c.key ? ' key' : ''} <- ${c.path.join('.')}`,
  );

describe('column metadata', () => {
  it('lists the STG_ORDERS columns of ORDER_CREATED', () => {
    expect(summary(orderCreated)).toEqual([
      'EVENT_ID string <- event_id',
      'EVENT_TIMESTAMP timestamp <- event_timestamp',
      'PRODUCT_ID string <- product_id',
      'CUSTOMER_ID string <- customer_id',
      'ORDER_ID string key <- event_data.order_id',
      'PRODUCT_NAME string <- event_data.product_name',
      'PRODUCT_CATEGORY string <- event_data.product_category',
      'QUANTITY integer <- event_data.quantity',
      'UNIT_PRICE decimal(10,2) <- event_data.unit_price',
      'DISCOUNT decimal(5,4) <- event_data.discount',
      'TOTAL_AMOUNT decimal(12,2) <- event_data.total_amount',
      'PAYMENT_METHOD string <- event_data.payment_method',
      'SALES_CHANNEL string <- event_data.sales_channel',
      'BOTTLE_SIZE_LITERS decimal(6,3) <- event_data.bottle_size_liters',
      'SHIPPING_ADDRESS string <- event_data.shipping_address',
    ]);
  });

  it('lists the STG_INVENTORY_ADJUSTMENTS columns of INVENTORY_ADJUSTED, without a customer', () => {
    expect(summary(inventoryAdjusted)).toEqual([
      'EVENT_ID string <- event_id',
      'EVENT_TIMESTAMP timestamp <- event_timestamp',
      'PRODUCT_ID string <- product_id',
      'ADJUSTMENT_ID string key <- event_data.adjustment_id',
      'PRODUCT_NAME string <- event_data.product_name',
      'PRODUCT_CATEGORY string <- event_data.product_category',
      'ADJUSTMENT_TYPE string <- event_data.adjustment_type',
      'QUANTITY_CHANGE integer <- event_data.quantity_change',
      'NEW_STOCK_LEVEL integer <- event_data.new_stock_level',
      'REASON string <- event_data.reason',
      'WAREHOUSE_LOCATION string <- event_data.warehouse_location',
    ]);
  });

  it('lists the orders columns of the dropshipping order_created from the nested order', () => {
    expect(summary(dropshippingOrderCreated)).toEqual([
      'EVENT_ID string <- event_id',
      'EVENT_TIMESTAMP timestamp <- event_timestamp',
      'PRODUCT_ID string <- product_id',
      'CUSTOMER_ID string <- customer_id',
      'ORDER_ID string key <- event_data.order.id',
      'QUANTITY integer <- event_data.order.quantity',
      'UNIT_PRICE decimal(10,2) <- event_data.order.unit_price',
      'SOLD_AT timestamp <- event_data.order.sold_at',
    ]);
  });

  it('derives names in upper snake case and only accepts such names', () => {
    expect(columnNameOf(['order_id'])).toBe('ORDER_ID');
    expect(columnNameOf(['parcel', 'trackingNumber'])).toBe('PARCEL_TRACKING_NUMBER');
    expect(['ORDER_ID', 'A1'].map(isColumnName)).toEqual([true, true]);
    expect(['order_id', '1A', 'A-B', '', `A${'B'.repeat(128)}`].map(isColumnName)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
