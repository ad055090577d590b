import { describe, it } from 'vitest';
import { expectDdl } from './expect-ddl.js';
import { refundSpec } from './fixtures/refund-spec.js';

describe('transform bodies', () => {
  const { root, merge, append } = refundSpec();

  it('stages one event type from RAW: typed, trimmed, one row per EVENT_ID, rows with a failed required field left out', () => {
    const required = `
        AND c."EVENT_TIMESTAMP" IS NOT NULL
        AND c."CUSTOMER_ID" IS NOT NULL
        AND c."REFUND_ID" IS NOT NULL
        AND c."AMOUNT" IS NOT NULL`;
    const where = `
      WHERE c."EVENT_ID" IS NOT NULL${required}
        AND NOT EXISTS (SELECT 1 FROM "STAGING"."STG_REFUNDS" AS t WHERE t."EVENT_ID" = c."EVENT_ID")`;
    // DuckDB's TRIM(x, ' ') goes codepoint by codepoint: it runs only on values with a space at an end.
    const trim = (x: string) =>
      `CASE WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN TRIM(${x}, ' ') ELSE ${x} END`;
    const insert = `
      INSERT INTO "STAGING"."STG_REFUNDS" ("EVENT_ID", "EVENT_TIMESTAMP", "CUSTOMER_ID", "REFUND_ID", "AMOUNT", "NOTE", "INGESTION_TIMESTAMP")`;
    const select = `
      SELECT c."EVENT_ID", c."EVENT_TIMESTAMP", c."CUSTOMER_ID", c."REFUND_ID", c."AMOUNT", c."NOTE",
        c."INGESTION_TIMESTAMP"`;
    const fixedColumns = `
        SELECT
          NULLIF(TRIM(r."EVENT_ID"), '') AS "EVENT_ID",
          r."EVENT_TIMESTAMP" AS "EVENT_TIMESTAMP",
          NULLIF(TRIM(r."CUSTOMER_ID"), '') AS "CUSTOMER_ID",`;
    const filter = `
        WHERE r."EVENT_TYPE" = 'REFUND_ISSUED'
        QUALIFY ROW_NUMBER() OVER (PARTITION BY r."EVENT_ID" ORDER BY r."INGESTION_TIMESTAMP" DESC) = 1`;
    expectDdl((r) => r.transformBody(root.transform), {
      snowflake: `${insert}${select}
      FROM (${fixedColumns}
          NULLIF(TRIM(STRIP_NULL_VALUE(GET_PATH(r."EVENT_DATA", 'refund.id'))::VARCHAR), '') AS "REFUND_ID",
          TRY_CAST(TRIM(STRIP_NULL_VALUE(GET_PATH(r."EVENT_DATA", 'amount'))::VARCHAR) AS NUMBER(10, 2)) AS "AMOUNT",
          NULLIF(TRIM(STRIP_NULL_VALUE(GET_PATH(r."EVENT_DATA", 'note'))::VARCHAR), '') AS "NOTE",
          r."INGESTION_TIMESTAMP" AS "INGESTION_TIMESTAMP"
        FROM "RAW_DATA"."STREAM_RAW_REFUNDS" AS r${filter}
      ) AS c${where}`,
      // EVENT_DATA parsed once per row for all its fields; each cleaned field computed once, below
      // the window that keeps the latest row per raw EVENT_ID, and tested above it; an anti join
      // rather than NOT EXISTS, which DuckDB runs as a delim join copying every new row first.
      duckdb: `${insert}${select}
      FROM (
        SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c."EVENTFLAKE$RAW_EVENT_ID" ORDER BY c."INGESTION_TIMESTAMP" DESC) AS "EVENTFLAKE$RANK"
        FROM (
          SELECT
            r."EVENT_ID" AS "EVENTFLAKE$RAW_EVENT_ID",
            NULLIF(${trim('r."EVENT_ID"')}, '') AS "EVENT_ID",
            r."EVENT_TIMESTAMP" AS "EVENT_TIMESTAMP",
            NULLIF(${trim('r."CUSTOMER_ID"')}, '') AS "CUSTOMER_ID",
            NULLIF(${trim('r."EVENTFLAKE$JSON_FIELDS"[1]')}, '') AS "REFUND_ID",
            TRY_CAST(${trim('r."EVENTFLAKE$JSON_FIELDS"[2]')} AS DECIMAL(10, 2)) AS "AMOUNT",
            NULLIF(${trim('r."EVENTFLAKE$JSON_FIELDS"[3]')}, '') AS "NOTE",
            r."INGESTION_TIMESTAMP" AS "INGESTION_TIMESTAMP"
          FROM (
            SELECT *, json_extract_string("EVENT_DATA", ['$.refund.id', '$.amount', '$.note']) AS "EVENTFLAKE$JSON_FIELDS"
            FROM temp.main."STREAM_RAW_REFUNDS"
          ) AS r
          WHERE r."EVENT_TYPE" = 'REFUND_ISSUED'
        ) AS c
      ) AS c
      ANTI JOIN "STAGING"."STG_REFUNDS" AS t ON t."EVENT_ID" = c."EVENT_ID"
      WHERE c."EVENTFLAKE$RANK" = 1
        AND c."EVENT_ID" IS NOT NULL${required}`,
    });
  });

  it('merges the latest version per key; an older version never overwrites; CREATED_AT is set once', () => {
    const body = (now: string, from: string, latest: string) => `
      MERGE INTO "PRODUCTION"."REFUNDS" AS t
      USING (
        SELECT
          c."REFUND_ID" AS "REFUND_ID",
          c."AMOUNT" AS "AMOUNT",
          c."EVENT_TIMESTAMP" AS "REFUNDED_AT",
          c."EVENT_ID" AS "EVENT_ID",
          ${now} AS "CREATED_AT"
        FROM ${from} AS c${latest}
      ) AS s
      ON t."REFUND_ID" = s."REFUND_ID"
      WHEN MATCHED AND s."REFUNDED_AT" > t."REFUNDED_AT" THEN UPDATE SET
        "AMOUNT" = s."AMOUNT",
        "REFUNDED_AT" = s."REFUNDED_AT",
        "EVENT_ID" = s."EVENT_ID"
      WHEN NOT MATCHED THEN INSERT ("REFUND_ID", "AMOUNT", "REFUNDED_AT", "EVENT_ID", "CREATED_AT")
      VALUES (s."REFUND_ID", s."AMOUNT", s."REFUNDED_AT", s."EVENT_ID", s."CREATED_AT")`;
    expectDdl((r) => r.transformBody(merge.transform), {
      snowflake: body(
        'SYSDATE()',
        '"STAGING"."STREAM_STG_REFUNDS"',
        `
        WHERE c."METADATA$ACTION" = 'INSERT'
          AND c."REFUND_ID" IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY c."REFUND_ID" ORDER BY c."EVENT_TIMESTAMP" DESC NULLS LAST, c."EVENT_ID" DESC NULLS LAST) = 1`,
      ),
      // The same row, without sorting every new row with all its columns: the rowid of each key's
      // highest (EVENT_TIMESTAMP, EVENT_ID), then a semi join on it.
      duckdb: body(
        "(now() AT TIME ZONE 'UTC')",
        'temp.main."STREAM_STG_REFUNDS"',
        `
        SEMI JOIN (
          SELECT arg_max(l.rowid, (l."EVENT_TIMESTAMP", l."EVENT_ID")) AS "EVENTFLAKE$LATEST_ROWID"
          FROM temp.main."STREAM_STG_REFUNDS" AS l
          WHERE l."METADATA$ACTION" = 'INSERT'
            AND l."REFUND_ID" IS NOT NULL
          GROUP BY l."REFUND_ID"
        ) AS l ON c.rowid = l."EVENTFLAKE$LATEST_ROWID"`,
      ),
    });
  });

  it('appends each key once, skipping keys the target already holds', () => {
    const body = (from: string, latest: string, absent: string) => `
      INSERT INTO "PRODUCTION"."REFUND_LEDGER" ("EVENT_ID", "EVENT_TIMESTAMP", "REFUND_ID", "AMOUNT")
      SELECT s."EVENT_ID", s."EVENT_TIMESTAMP", s."REFUND_ID", s."AMOUNT"
      FROM (
        SELECT
          c."EVENT_ID" AS "EVENT_ID",
          c."EVENT_TIMESTAMP" AS "EVENT_TIMESTAMP",
          c."REFUND_ID" AS "REFUND_ID",
          c."AMOUNT" AS "AMOUNT"
        FROM ${from} AS c${latest}
      ) AS s
      ${absent}`;
    expectDdl((r) => r.transformBody(append.transform), {
      snowflake: body(
        '"STAGING"."STREAM_STG_REFUNDS_LEDGER"',
        `
        WHERE c."METADATA$ACTION" = 'INSERT'
          AND c."EVENT_ID" IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY c."EVENT_ID" ORDER BY c."EVENT_TIMESTAMP" DESC NULLS LAST, c."EVENT_ID" DESC NULLS LAST) = 1`,
        'WHERE NOT EXISTS (SELECT 1 FROM "PRODUCTION"."REFUND_LEDGER" AS t WHERE t."EVENT_ID" = s."EVENT_ID")',
      ),
      duckdb: body(
        'temp.main."STREAM_STG_REFUNDS_LEDGER"',
        `
        SEMI JOIN (
          SELECT arg_max(l.rowid, (l."EVENT_TIMESTAMP", l."EVENT_ID")) AS "EVENTFLAKE$LATEST_ROWID"
          FROM temp.main."STREAM_STG_REFUNDS_LEDGER" AS l
          WHERE l."METADATA$ACTION" = 'INSERT'
            AND l."EVENT_ID" IS NOT NULL
          GROUP BY l."EVENT_ID"
        ) AS l ON c.rowid = l."EVENTFLAKE$LATEST_ROWID"`,
        'ANTI JOIN "PRODUCTION"."REFUND_LEDGER" AS t ON t."EVENT_ID" = s."EVENT_ID"',
      ),
    });
  });
});
