import { dropshippingOrderCreated } from '../events/dropshipping.js';
import { failedTasksAlert, latencyAlert, unstagedAlert } from './spec/alerts.js';
import { column } from './spec/columns.js';
import { objectName } from './spec/names.js';
import { retention, warehouse } from './spec/operations.js';
import { type PipelineSpec, pipeline } from './spec/pipeline.js';
import { stagingFor } from './spec/staging.js';
import { stream } from './spec/streams.js';
import { rawTable, table } from './spec/tables.js';
import { childTask, onWarehouse, rootTask } from './spec/tasks.js';
import { carry, derive, mergeLatest, now, stageEvents } from './spec/transforms.js';

const wh = warehouse('COMPUTE_WH');
const compute = onWarehouse(wh.name);
const raw = rawTable(objectName('RAW', 'ORDERS_EVENTS'));
const stgOrders = stagingFor(dropshippingOrderCreated, objectName('STAGING', 'STG_ORDERS'));
const rawStream = stream(objectName('RAW', 'ORDERS_STREAM'), raw, 'append_only');
const stgStream = stream(objectName('STAGING', 'STG_ORDERS_STREAM'), stgOrders.table, 'standard');

const orders = mergeLatest(stgStream, {
  into: objectName('PROD', 'ORDERS'),
  projections: [
    ...carry(stgOrders.table),
    derive('UPDATED_AT', 'timestamp', now(), {
      nullable: false,
      description: 'When the row was last written',
    }),
  ],
  key: ['ORDER_ID'],
  version: 'EVENT_TIMESTAMP',
  freshnessColumn: 'UPDATED_AT',
  description: 'One row per order, its latest version (MERGE on ORDER_ID)',
});

/** Reference tables of seed 002, loaded from the exported CSV files rather than by tasks. */
const customers = table(objectName('PROD', 'CUSTOMERS'), {
  layer: 'reference',
  columns: [
    column('ID', 'string', { nullable: false }),
    column('NAME', 'string'),
    column('EMAIL', 'string'),
    column('CITY', 'string'),
    column('COUNTRY', 'string'),
  ],
  description: 'Customers exported by the seed generator',
});
const inventory = table(objectName('PROD', 'INVENTORY'), {
  layer: 'reference',
  columns: [
    column('ID', 'string', { nullable: false }),
    column('PRODUCT_NAME', 'string'),
    column('CATEGORY', 'string'),
    column('PRICE', { kind: 'decimal', precision: 10, scale: 2 }),
    column('STOCK_QUANTITY', 'integer'),
  ],
  description: 'Product catalogue exported by the seed generator',
});

const root = rootTask(objectName('PROD', 'STAGE_ORDERS_TASK'), stageEvents(rawStream, stgOrders), {
  compute,
});

/**
 * The dropshipping demo (seed 002): orders through RAW.ORDERS_EVENTS → STAGING.STG_ORDERS →
 * PROD.ORDERS in DROPSHIPPING_DB, plus the CUSTOMERS and INVENTORY reference tables.
 *
 * @example
 * render(dropshippingSpec, { dialect: 'duckdb' });
 */
export const dropshippingSpec: PipelineSpec = pipeline({
  name: 'dropshipping',
  database: 'DROPSHIPPING_DB',
  warehouse: wh,
  raw,
  staging: [stgOrders],
  tables: [orders.table, customers, inventory],
  streams: [rawStream, stgStream],
  tasks: [root, childTask(objectName('PROD', 'INGEST_ORDERS_TASK'), root, orders.transform)],
  healthView: objectName('MONITORING', 'PIPELINE_HEALTH'),
  alerts: [
    failedTasksAlert(1),
    unstagedAlert(raw, stgOrders),
    latencyAlert({ raw, eventType: dropshippingOrderCreated.type, target: orders.table }),
  ],
  retention: [
    retention(raw, 'INGESTION_TIMESTAMP', 30, 'day'),
    retention(stgOrders.table, 'INGESTION_TIMESTAMP', 7, 'day'),
  ],
  archives: [],
  queries: [],
  notes: {
    tasks: ["Seed 002's single INGEST_ORDERS_TASK (RAW to PROD) becomes a two-step graph through STAGING."],
  },
});
