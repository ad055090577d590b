import { describe, expect, it } from 'vitest';
import { render } from '../../../src/ddl/render.js';
import { createRawTableSql } from '../../../src/warehouse/duckdb/duckdb-raw-sql.js';
import { expectDdl, sql, statementOf } from './expect-ddl.js';
import { refundSpec } from './fixtures/refund-spec.js';

describe('table DDL', () => {
  const { spec } = refundSpec();

  it('types STAGING columns from the event schema, keeps its nullability and adds INGESTION_TIMESTAMP', () => {
    expectDdl((r) => statementOf(r.render(spec), '02_tables.sql', 'create_table_staging_stg_refunds'), {
      snowflake: `
        CREATE TABLE IF NOT EXISTS "STAGING"."STG_REFUNDS" (
          "EVENT_ID" VARCHAR NOT NULL COMMENT 'Unique event id (UUID); the idempotency key',
          "EVENT_TIMESTAMP" TIMESTAMP_NTZ NOT NULL COMMENT 'When the event happened (UTC)',
          "CUSTOMER_ID" VARCHAR NOT NULL,
          "REFUND_ID" VARCHAR NOT NULL,
          "AMOUNT" NUMBER(10, 2) NOT NULL,
          "NOTE" VARCHAR,
          "INGESTION_TIMESTAMP" TIMESTAMP_NTZ NOT NULL COMMENT 'When the event landed in RAW (UTC)'
        )
        COMMENT = 'REFUND_ISSUED events, typed and cleaned: Money returned'`,
      duckdb: `
        CREATE TABLE IF NOT EXISTS "STAGING"."STG_REFUNDS" (
          "EVENT_ID" VARCHAR NOT NULL,
          "EVENT_TIMESTAMP" TIMESTAMP NOT NULL,
          "CUSTOMER_ID" VARCHAR NOT NULL,
          "REFUND_ID" VARCHAR NOT NULL,
          "AMOUNT" DECIMAL(10, 2) NOT NULL,
          "NOTE" VARCHAR,
          "INGESTION_TIMESTAMP" TIMESTAMP NOT NULL
        )`,
    });
  });

  it('makes MERGE keys NOT NULL in PRODUCTION and carries the other columns as they are', () => {
    expectDdl((r) => statementOf(r.render(spec), '02_tables.sql', 'create_table_production_refunds'), {
      snowflake: `
        CREATE TABLE IF NOT EXISTS "PRODUCTION"."REFUNDS" (
          "REFUND_ID" VARCHAR NOT NULL,
          "AMOUNT" NUMBER(10, 2) NOT NULL,
          "REFUNDED_AT" TIMESTAMP_NTZ NOT NULL COMMENT 'When the event happened (UTC)',
          "EVENT_ID" VARCHAR NOT NULL COMMENT 'Unique event id (UUID); the idempotency key',
          "CREATED_AT" TIMESTAMP_NTZ NOT NULL
        )`,
      duckdb: `
        CREATE TABLE IF NOT EXISTS "PRODUCTION"."REFUNDS" (
          "REFUND_ID" VARCHAR NOT NULL,
          "AMOUNT" DECIMAL(10, 2) NOT NULL,
          "REFUNDED_AT" TIMESTAMP NOT NULL,
          "EVENT_ID" VARCHAR NOT NULL,
          "CREATED_AT" TIMESTAMP NOT NULL
        )`,
    });
  });

  it('creates the DuckDB RAW table exactly as the DuckDB warehouse adapter does, so both can own it', () => {
    const ddl = statementOf(
      render(spec, { dialect: 'duckdb' }),
      '02_tables.sql',
      'create_table_raw_data_raw_events_stream',
    );
    expect(ddl).toBe(createRawTableSql('RAW_DATA', 'RAW_EVENTS_STREAM'));
  });

  it('gives the Snowflake RAW table the shared layout with its fixed types', () => {
    const ddl = statementOf(
      render(spec, { dialect: 'snowflake' }),
      '02_tables.sql',
      'create_table_raw_data_raw_events_stream',
    );
    expect(ddl).toContain(
      sql(`
      "EVENT_ID" VARCHAR(36) NOT NULL,
        "EVENT_TYPE" VARCHAR(64) NOT NULL,
        "EVENT_TIMESTAMP" TIMESTAMP_NTZ NOT NULL,
        "PRODUCT_ID" VARCHAR(128),
        "CUSTOMER_ID" VARCHAR(128),
        "EVENT_DATA" VARIANT NOT NULL,
        "EVENT_METADATA" VARIANT,
        "INGESTION_TIMESTAMP" TIMESTAMP_NTZ NOT NULL`),
    );
  });
});
