import { z } from 'zod';
import { objectName } from '../../../src/ddl/spec/names.js';
import { warehouse } from '../../../src/ddl/spec/operations.js';
import { type PipelineSpec, pipeline } from '../../../src/ddl/spec/pipeline.js';
import { stagingFor } from '../../../src/ddl/spec/staging.js';
import { stream } from '../../../src/ddl/spec/streams.js';
import { rawTable } from '../../../src/ddl/spec/tables.js';
import { childTask, onWarehouse, rootTask } from '../../../src/ddl/spec/tasks.js';
import { appendNew, mergeLatest, pick, stageEvents } from '../../../src/ddl/spec/transforms.js';
import { decimal } from '../../../src/events/column-types.js';
import { defineEvent } from '../../../src/events/define-event.js';
import { field } from '../../../src/events/field.js';

/** A price set for a product, effective from a time that may be missing (a nullable version). */
const priceSet = defineEvent({
  type: 'PRICE_SET',
  version: 1,
  description: 'A new shelf price',
  productId: 'required',
  customerId: 'none',
  data: z.strictObject({
    price_id: field(z.string(), { type: 'string', key: true }),
    price: field(z.number(), { type: decimal(10, 2) }),
    effective_at: field(z.string().optional(), { type: 'timestamp' }),
  }),
});

/**
 * RAW → STAGING.STG_PRICES → PRODUCTION.PRICES (latest price per product, by EFFECTIVE_AT then
 * EVENT_ID) and PRODUCTION.PRICE_LOG (each PRICE_ID once): both rank by a nullable version.
 */
export function priceSpec(): PipelineSpec {
  const raw = rawTable();
  const stg = stagingFor(priceSet, objectName('STAGING', 'STG_PRICES'));
  const rawStream = stream(objectName('RAW_DATA', 'STREAM_RAW_PRICES'), raw, 'append_only');
  const stgStream = stream(objectName('STAGING', 'STREAM_STG_PRICES'), stg.table, 'standard');
  const logStream = stream(objectName('STAGING', 'STREAM_STG_PRICE_LOG'), stg.table, 'standard');
  const projections = ['PRODUCT_ID', 'PRICE_ID', 'PRICE', 'EFFECTIVE_AT', 'EVENT_ID'].map((c) =>
    pick(stg.table, c),
  );
  const prices = mergeLatest(stgStream, {
    into: objectName('PRODUCTION', 'PRICES'),
    projections,
    key: ['PRODUCT_ID'],
    version: 'EFFECTIVE_AT',
  });
  const log = appendNew(logStream, {
    into: objectName('PRODUCTION', 'PRICE_LOG'),
    projections,
    key: ['PRICE_ID'],
    version: 'EFFECTIVE_AT',
  });
  const compute = onWarehouse('WH');
  const root = rootTask(objectName('RAW_DATA', 'TASK_STAGE_PRICES'), stageEvents(rawStream, stg), {
    compute,
  });
  const merge = childTask(objectName('RAW_DATA', 'TASK_MERGE_PRICES'), root, prices.transform);
  const append = childTask(objectName('RAW_DATA', 'TASK_LOG_PRICES'), merge, log.transform);
  return pipeline({
    name: 'prices',
    database: 'SHOP_DB',
    warehouse: warehouse('WH'),
    raw,
    staging: [stg],
    tables: [prices.table, log.table],
    streams: [rawStream, stgStream, logStream],
    tasks: [root, merge, append],
    healthView: objectName('MONITORING', 'PIPELINE_HEALTH'),
    alerts: [],
    retention: [],
    archives: [],
    queries: [],
  });
}
