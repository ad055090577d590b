import { inventoryAdjusted, orderCreated } from '../events/wine-shop.js';
import { failedTasksAlert, latencyAlert, outOfStockAlert, unstagedAlert } from './spec/alerts.js';
import { objectName } from './spec/names.js';
import { archive, retention, warehouse } from './spec/operations.js';
import { type PipelineSpec, pipeline } from './spec/pipeline.js';
import { stagingFor } from './spec/staging.js';
import { stream } from './spec/streams.js';
import { rawTable } from './spec/tables.js';
import { childTask, onWarehouse, rootTask } from './spec/tasks.js';
import {
  appendNew,
  carry,
  dateOf,
  derive,
  mergeLatest,
  now,
  type Projection,
  pick,
  stageEvents,
} from './spec/transforms.js';
import { wineShopQueries } from './wine-shop-queries.js';

const name = (schema: string, object: string) => objectName(schema, object);
const wh = warehouse('CAVES_ALBERT_WH');
const compute = onWarehouse(wh.name);

const raw = rawTable(name('RAW_DATA', 'RAW_EVENTS_STREAM'));
const stgOrders = stagingFor(orderCreated, name('STAGING', 'STG_ORDERS'));
const stgAdjustments = stagingFor(inventoryAdjusted, name('STAGING', 'STG_INVENTORY_ADJUSTMENTS'));

const streamRawOrders = stream(
  name('RAW_DATA', 'STREAM_RAW_ORDERS'),
  raw,
  'append_only',
  'New RAW rows; the orders task keeps ORDER_CREATED',
);
const streamRawInventory = stream(
  name('RAW_DATA', 'STREAM_RAW_INVENTORY'),
  raw,
  'append_only',
  'New RAW rows; the inventory task keeps INVENTORY_ADJUSTED',
);
const streamStgOrders = stream(name('STAGING', 'STREAM_STG_ORDERS'), stgOrders.table, 'standard');
const streamStgInventory = stream(
  name('STAGING', 'STREAM_STG_INVENTORY'),
  stgAdjustments.table,
  'standard',
  'Feeds INVENTORY_HISTORY',
);
const streamStgInventoryCurrent = stream(
  name('STAGING', 'STREAM_STG_INVENTORY_CURRENT'),
  stgAdjustments.table,
  'standard',
  'Feeds INVENTORY_CURRENT',
);

const createdAt = derive('CREATED_AT', 'timestamp', now(), {
  nullable: false,
  description: 'When the row was first written',
});
const updatedAt = derive('UPDATED_AT', 'timestamp', now(), {
  nullable: false,
  description: 'When the row was last written',
});
const keyFirst = (key: string, projections: Projection[]) => [
  ...projections.filter((p) => p.column.name === key),
  ...projections.filter((p) => p.column.name !== key),
];

const orders = mergeLatest(streamStgOrders, {
  into: name('PRODUCTION', 'ORDERS'),
  projections: [
    ...keyFirst('ORDER_ID', carry(stgOrders.table, { rename: { EVENT_TIMESTAMP: 'ORDER_TIMESTAMP' } })),
    derive('ORDER_DATE', 'date', dateOf('EVENT_TIMESTAMP'), { nullable: false }),
    createdAt,
    updatedAt,
  ],
  key: ['ORDER_ID'],
  version: 'ORDER_TIMESTAMP',
  insertOnly: ['CREATED_AT'],
  freshnessColumn: 'UPDATED_AT',
  description: 'One row per order, its latest version (MERGE on ORDER_ID)',
});

const history = appendNew(streamStgInventory, {
  into: name('PRODUCTION', 'INVENTORY_HISTORY'),
  projections: [
    ...keyFirst(
      'ADJUSTMENT_ID',
      carry(stgAdjustments.table, { rename: { EVENT_TIMESTAMP: 'ADJUSTMENT_TIMESTAMP' } }),
    ),
    derive('ADJUSTMENT_DATE', 'date', dateOf('EVENT_TIMESTAMP'), { nullable: false }),
    createdAt,
  ],
  key: ['ADJUSTMENT_ID'],
  version: 'ADJUSTMENT_TIMESTAMP',
  freshnessColumn: 'CREATED_AT',
  description: 'Every stock adjustment once: the audit trail (append only)',
});

const current = mergeLatest(streamStgInventoryCurrent, {
  into: name('PRODUCTION', 'INVENTORY_CURRENT'),
  projections: [
    pick(stgAdjustments.table, 'PRODUCT_ID'),
    pick(stgAdjustments.table, 'PRODUCT_NAME'),
    pick(stgAdjustments.table, 'PRODUCT_CATEGORY'),
    pick(stgAdjustments.table, 'NEW_STOCK_LEVEL', 'CURRENT_STOCK_LEVEL'),
    pick(stgAdjustments.table, 'ADJUSTMENT_TYPE', 'LAST_ADJUSTMENT_TYPE'),
    pick(stgAdjustments.table, 'QUANTITY_CHANGE', 'LAST_QUANTITY_CHANGE'),
    pick(stgAdjustments.table, 'ADJUSTMENT_ID', 'LAST_ADJUSTMENT_ID'),
    pick(stgAdjustments.table, 'WAREHOUSE_LOCATION'),
    pick(stgAdjustments.table, 'EVENT_TIMESTAMP', 'LAST_ADJUSTMENT_TIMESTAMP'),
    pick(stgAdjustments.table, 'INGESTION_TIMESTAMP'),
    updatedAt,
  ],
  key: ['PRODUCT_ID'],
  version: 'LAST_ADJUSTMENT_TIMESTAMP',
  freshnessColumn: 'UPDATED_AT',
  description: 'One row per product: the stock level after its latest adjustment',
});

const task = (object: string) => name('RAW_DATA', object);
const ordersRoot = rootTask(task('TASK_RAW_TO_STAGING_ORDERS'), stageEvents(streamRawOrders, stgOrders), {
  compute,
});
const inventoryRoot = rootTask(
  task('TASK_RAW_TO_STAGING_INVENTORY'),
  stageEvents(streamRawInventory, stgAdjustments),
  {
    compute,
  },
);
const historyTask = childTask(
  task('TASK_STAGING_TO_PROD_INVENTORY_HISTORY'),
  inventoryRoot,
  history.transform,
);

/**
 * Les Caves d'Albert (seed 000): RAW_EVENTS_STREAM → STG_ORDERS / STG_INVENTORY_ADJUSTMENTS →
 * ORDERS, INVENTORY_HISTORY, INVENTORY_CURRENT, in database CAVES_ALBERT_DB, with seed 000's names
 * so its monitoring and analytics SQL runs unchanged.
 *
 * @example
 * render(wineShopSpec, { dialect: 'snowflake' });
 */
export const wineShopSpec: PipelineSpec = pipeline({
  name: 'wine-shop',
  database: 'CAVES_ALBERT_DB',
  warehouse: wh,
  raw,
  staging: [stgOrders, stgAdjustments],
  tables: [orders.table, history.table, current.table],
  streams: [
    streamRawOrders,
    streamRawInventory,
    streamStgOrders,
    streamStgInventory,
    streamStgInventoryCurrent,
  ],
  tasks: [
    ordersRoot,
    childTask(task('TASK_STAGING_TO_PROD_ORDERS'), ordersRoot, orders.transform),
    inventoryRoot,
    historyTask,
    childTask(task('TASK_STAGING_TO_PROD_INVENTORY_CURRENT'), historyTask, current.transform),
  ],
  healthView: name('MONITORING', 'PIPELINE_HEALTH'),
  alerts: [
    failedTasksAlert(1),
    unstagedAlert(raw, stgOrders),
    unstagedAlert(raw, stgAdjustments),
    latencyAlert({ raw, eventType: orderCreated.type, target: orders.table, thresholdMinutes: 5 }),
    latencyAlert({ raw, eventType: inventoryAdjusted.type, target: history.table, thresholdMinutes: 5 }),
    outOfStockAlert({
      table: current.table,
      level: 'CURRENT_STOCK_LEVEL',
      show: ['PRODUCT_ID', 'PRODUCT_NAME', 'PRODUCT_CATEGORY'],
      newestFirst: 'LAST_ADJUSTMENT_TIMESTAMP',
    }),
  ],
  retention: [
    retention(raw, 'INGESTION_TIMESTAMP', 30, 'day'),
    retention(stgOrders.table, 'INGESTION_TIMESTAMP', 7, 'day'),
    retention(stgAdjustments.table, 'INGESTION_TIMESTAMP', 7, 'day'),
  ],
  archives: [
    archive(history.table, name('PRODUCTION', 'INVENTORY_HISTORY_ARCHIVE'), {
      column: 'ADJUSTMENT_DATE',
      key: ['ADJUSTMENT_ID'],
      amount: 1,
      unit: 'year',
    }),
  ],
  queries: wineShopQueries({ raw, orders: orders.table, inventory: current.table }),
  notes: {
    tables: [
      'Seed 000 names the inventory staging table both STG_INVENTORY_ADJ and STG_INVENTORY_ADJUSTMENTS;',
      'this is STG_INVENTORY_ADJUSTMENTS, the name its monitoring and maintenance SQL use.',
    ],
    streams: [
      "STREAM_STG_INVENTORY_CURRENT is not in seed 000's four streams: there, the INVENTORY_HISTORY and",
      'INVENTORY_CURRENT tasks both read STREAM_STG_INVENTORY, and the first would empty it for the second.',
    ],
    tasks: ['All tasks live in RAW_DATA, as seed 000 lists them (SHOW TASKS IN SCHEMA RAW_DATA).'],
  },
});
