import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snowflakeLoadFile } from '../../../src/ddl/snowflake/snowflake-load.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { ensureSqlfluff, parseSnowflake } from '../ddl/sqlfluff.js';

describe('10_load.sql with the optional Snowpipe, against the sqlfluff grammar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventflake-load-sqlfluff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'parses the stage, formats, COPY, INSERT, pipe, stream and task with no unparsable section',
    async () => {
      const file = snowflakeLoadFile(wineShopSpec, {
        pipe: { url: 's3://caves-albert-events/landing/', storageIntegration: 'CAVES_S3' },
      });
      expect(file.statements.map((s) => s.name)).toContain('create_pipe');
      writeFileSync(join(dir, file.name), file.content);
      // A control: a pipe whose body is not a COPY must be flagged, or a clean result would prove nothing.
      writeFileSync(join(dir, 'broken.sql'), 'CREATE PIPE p AUTO_INGEST = TRUE AS COPI INTO t FROM @s;\n');
      const reports = await parseSnowflake(await ensureSqlfluff(), dir);
      const flagged = Object.fromEntries(
        reports.map((r) => [r.file.replace(`${dir}/`, ''), r.unparsable.length > 0]),
      );
      expect(flagged).toEqual({ '10_load.sql': false, 'broken.sql': true });
    },
    11 * 60_000,
  );
});
