import { describe, expect, it } from 'vitest';
import { createRenderer, pipelineDag, render } from '../../../src/ddl/render.js';
import { allTables } from '../../../src/ddl/spec/pipeline.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { inventoryAdjusted, orderCreated } from '../../../src/events/wine-shop.js';

const qualified = (t: { name: { schema: string; name: string } }) => `${t.name.schema}.${t.name.name}`;

describe('wine shop spec', () => {
  it("uses seed 000's names, so its monitoring and analytics SQL runs unchanged", () => {
    expect(allTables(wineShopSpec).map(qualified)).toEqual([
      'RAW_DATA.RAW_EVENTS_STREAM',
      'STAGING.STG_ORDERS',
      'STAGING.STG_INVENTORY_ADJUSTMENTS',
      'PRODUCTION.ORDERS',
      'PRODUCTION.INVENTORY_HISTORY',
      'PRODUCTION.INVENTORY_CURRENT',
      'PRODUCTION.INVENTORY_HISTORY_ARCHIVE',
    ]);
    expect(wineShopSpec.database).toBe('CAVES_ALBERT_DB');
    expect(wineShopSpec.streams.map((s) => [s.name.name, s.mode, s.on.name.name])).toEqual([
      ['STREAM_RAW_ORDERS', 'append_only', 'RAW_EVENTS_STREAM'],
      ['STREAM_RAW_INVENTORY', 'append_only', 'RAW_EVENTS_STREAM'],
      ['STREAM_STG_ORDERS', 'standard', 'STG_ORDERS'],
      ['STREAM_STG_INVENTORY', 'standard', 'STG_INVENTORY_ADJUSTMENTS'],
      ['STREAM_STG_INVENTORY_CURRENT', 'standard', 'STG_INVENTORY_ADJUSTMENTS'],
    ]);
  });

  it('has every column the seed 000 queries read', () => {
    const columns = (name: string) =>
      allTables(wineShopSpec)
        .find((t) => t.name.name === name)
        ?.columns.map((c) => c.name);
    expect(columns('ORDERS')).toEqual(
      expect.arrayContaining([
        'ORDER_ID',
        'CUSTOMER_ID',
        'PRODUCT_ID',
        'PRODUCT_NAME',
        'PRODUCT_CATEGORY',
        'QUANTITY',
        'UNIT_PRICE',
        'TOTAL_AMOUNT',
        'ORDER_DATE',
        'ORDER_TIMESTAMP',
        'INGESTION_TIMESTAMP',
        'UPDATED_AT',
      ]),
    );
    expect(columns('INVENTORY_CURRENT')).toEqual(
      expect.arrayContaining([
        'PRODUCT_ID',
        'PRODUCT_NAME',
        'PRODUCT_CATEGORY',
        'CURRENT_STOCK_LEVEL',
        'LAST_ADJUSTMENT_TIMESTAMP',
        'UPDATED_AT',
      ]),
    );
    expect(columns('INVENTORY_HISTORY')).toEqual(expect.arrayContaining(['ADJUSTMENT_DATE', 'CREATED_AT']));
    for (const stg of ['STG_ORDERS', 'STG_INVENTORY_ADJUSTMENTS'])
      expect(columns(stg)).toContain('INGESTION_TIMESTAMP');
  });

  it('derives each STAGING table from its event definition', () => {
    const [orders, adjustments] = wineShopSpec.staging;
    expect(orders?.eventType).toBe(orderCreated.type);
    expect(orders?.table.columns.map((c) => c.name)).toEqual([
      ...orderCreated.columns.map((c) => c.name),
      'INGESTION_TIMESTAMP',
    ]);
    expect(adjustments?.table.columns.map((c) => c.name)).toEqual([
      ...inventoryAdjusted.columns.map((c) => c.name),
      'INGESTION_TIMESTAMP',
    ]);
    expect(orders?.key).toEqual(['ORDER_ID']);
  });

  it('exposes the DAG as data: five tasks, parents first, bodies for both dialects', () => {
    const dag = pipelineDag(wineShopSpec);
    expect(dag.map((t) => [t.name, t.parent, t.stream?.name, t.target])).toEqual([
      ['RAW_DATA.TASK_RAW_TO_STAGING_ORDERS', null, 'RAW_DATA.STREAM_RAW_ORDERS', 'STAGING.STG_ORDERS'],
      [
        'RAW_DATA.TASK_STAGING_TO_PROD_ORDERS',
        'RAW_DATA.TASK_RAW_TO_STAGING_ORDERS',
        'STAGING.STREAM_STG_ORDERS',
        'PRODUCTION.ORDERS',
      ],
      [
        'RAW_DATA.TASK_RAW_TO_STAGING_INVENTORY',
        null,
        'RAW_DATA.STREAM_RAW_INVENTORY',
        'STAGING.STG_INVENTORY_ADJUSTMENTS',
      ],
      [
        'RAW_DATA.TASK_STAGING_TO_PROD_INVENTORY_HISTORY',
        'RAW_DATA.TASK_RAW_TO_STAGING_INVENTORY',
        'STAGING.STREAM_STG_INVENTORY',
        'PRODUCTION.INVENTORY_HISTORY',
      ],
      [
        'RAW_DATA.TASK_STAGING_TO_PROD_INVENTORY_CURRENT',
        'RAW_DATA.TASK_STAGING_TO_PROD_INVENTORY_HISTORY',
        'STAGING.STREAM_STG_INVENTORY_CURRENT',
        'PRODUCTION.INVENTORY_CURRENT',
      ],
    ]);
    expect(dag.map((t) => t.everyMinutes)).toEqual([1, null, 1, null, null]);
    expect(dag[1]?.stream?.pendingRelation).toBe('temp.main."STREAM_STG_ORDERS"');
    const task = wineShopSpec.tasks[1];
    if (task === undefined) throw new Error('no second task');
    expect(dag[1]?.body).toEqual({
      snowflake: createRenderer('snowflake').transformBody(task.transform),
      duckdb: createRenderer('duckdb').transformBody(task.transform),
    });
  });

  it('writes the Snowflake setup a user applies by hand: XSMALL warehouse, database, schemas', () => {
    const setup = render(wineShopSpec, { dialect: 'snowflake' })[0];
    expect(setup?.name).toBe('01_setup.sql');
    expect(setup?.statements.map((s) => s.sql)).toEqual([
      'CREATE WAREHOUSE IF NOT EXISTS "CAVES_ALBERT_WH" WITH\n  WAREHOUSE_SIZE = \'XSMALL\'\n  AUTO_SUSPEND = 60\n  AUTO_RESUME = TRUE\n  INITIALLY_SUSPENDED = TRUE',
      'CREATE DATABASE IF NOT EXISTS "CAVES_ALBERT_DB"',
      'USE DATABASE "CAVES_ALBERT_DB"',
      'CREATE SCHEMA IF NOT EXISTS "RAW_DATA"',
      'CREATE SCHEMA IF NOT EXISTS "STAGING"',
      'CREATE SCHEMA IF NOT EXISTS "PRODUCTION"',
      'CREATE SCHEMA IF NOT EXISTS "MONITORING"',
    ]);
  });

  it('says in the SQL headers why each file is idempotent the way it is', () => {
    const files = render(wineShopSpec, { dialect: 'snowflake' });
    const header = (name: string) => files.find((f) => f.name === name)?.content.split('\n\n')[0] ?? '';
    expect(header('02_tables.sql')).toMatch(/IF NOT EXISTS, never OR REPLACE/);
    expect(header('02_tables.sql')).toMatch(/STG_INVENTORY_ADJUSTMENTS/);
    expect(header('03_streams.sql')).toMatch(/never OR REPLACE: a replaced stream/);
    expect(header('04_tasks.sql')).toMatch(/CREATE OR REPLACE TASK: a task holds no data/);
    expect(header('05_monitoring.sql')).toMatch(/CREATE OR REPLACE VIEW/);
  });
});
