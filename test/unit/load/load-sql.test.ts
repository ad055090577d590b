import { describe, expect, it } from 'vitest';
import { snowflakeLoadFile } from '../../../src/ddl/snowflake/snowflake-load.js';
import {
  copyIntoLandingSql,
  insertNewFromLandingSql,
} from '../../../src/ddl/snowflake/snowflake-load-sql.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { insertFromStagedFilesSql } from '../../../src/load/duckdb-landing.js';

const RAW = { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };
const STAGE = { schema: 'RAW_DATA', name: 'EVENTFLAKE_LOAD_STAGE' };

describe('load SQL', () => {
  it('COPY aborts on error and relies on the EVENT_ID check, not load metadata', () => {
    const sql = copyIntoLandingSql({ schema: 'RAW_DATA', name: 'L' }, STAGE, 'load-AB12/');
    expect(sql).toContain('FROM @"RAW_DATA"."EVENTFLAKE_LOAD_STAGE"/load-AB12/');
    expect(sql).toContain('ON_ERROR = ABORT_STATEMENT');
    expect(sql).toContain('FORCE = TRUE');
  });

  it('refuses a stage path that could leave the stage or break the statement', () => {
    expect(() => copyIntoLandingSql(RAW, STAGE, "x' OR 1=1")).toThrow(/stage path/);
    expect(() => copyIntoLandingSql(RAW, STAGE, '../other/')).toThrow(/stage path/);
  });

  it('inserts one row per EVENT_ID, only those RAW lacks, on both engines', () => {
    for (const sql of [
      insertNewFromLandingSql(RAW, { schema: 'RAW_DATA', name: 'L' }),
      insertFromStagedFilesSql(RAW, ["/tmp/it's.jsonl"]),
    ]) {
      expect(sql).toMatch(/PARTITION BY/i);
      expect(sql).toContain(
        'NOT EXISTS (SELECT 1 FROM "RAW_DATA"."RAW_EVENTS_STREAM" AS r WHERE r."EVENT_ID" = b."EVENT_ID")',
      );
    }
    expect(insertFromStagedFilesSql(RAW, ["/tmp/it's.jsonl"])).toContain("read_json(['/tmp/it''s.jsonl']");
  });

  it('renders the pipe only when asked, with AUTO_INGEST on an external stage', () => {
    const plain = snowflakeLoadFile(wineShopSpec);
    expect(plain.statements.map((s) => s.name)).not.toContain('create_pipe');
    const piped = snowflakeLoadFile(wineShopSpec, {
      pipe: { url: 's3://b/p/', storageIntegration: 'S3_INT' },
    });
    const pipe = piped.statements.find((s) => s.name === 'create_pipe')?.sql ?? '';
    expect(pipe).toContain('AUTO_INGEST = TRUE');
    expect(pipe).toContain('FROM @"RAW_DATA"."EVENTS_LANDING_EXTERNAL"');
  });
});
