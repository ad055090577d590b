import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../src/ddl/render.js';
import { sqlFile } from '../../../src/ddl/renderer/sql-file.js';
import { DdlSpecError } from '../../../src/ddl/spec/errors.js';
import { query } from '../../../src/ddl/spec/queries.js';
import { expectDdl } from './expect-ddl.js';

describe('values written into SQL text', () => {
  it('escapes quotes in both dialects, and backslashes where Snowflake reads them as escapes', () => {
    expectDdl((r) => r.text("it's C:\\caves"), {
      snowflake: "'it''s C:\\\\caves'",
      duckdb: "'it''s C:\\caves'",
    });
  });

  it('refuses a NUL character rather than let it cut a literal short', () => {
    expect(() => createRenderer('snowflake').text('a\0b')).toThrow(DdlSpecError);
  });

  it('keeps a statement comment on one line, so text after a newline cannot become SQL', () => {
    const file = sqlFile('x.sql', ['head'], [{ name: 's', comment: 'note\nDROP TABLE T;', sql: 'SELECT 1' }]);
    expect(file.content).toBe('-- head\n\n-- note DROP TABLE T;\nSELECT 1;\n');
  });

  it('checks query names and titles', () => {
    expect(() => query('Drop Table', 'x', () => '')).toThrow(/lower snake case/);
    expect(() => query('ok', 'two\nlines', () => '')).toThrow(/one line/);
  });

  it('spells time arithmetic per dialect', () => {
    expectDdl((r) => r.minus(r.now(), 30, 'day'), {
      snowflake: 'DATEADD(DAY, -30, SYSDATE())',
      duckdb: "((now() AT TIME ZONE 'UTC') - INTERVAL 30 DAY)",
    });
    expectDdl((r) => r.diff('minute', '"A"', '"B"'), {
      snowflake: 'DATEDIFF(MINUTE, "A", "B")',
      duckdb: `DATE_DIFF('minute', "A", "B")`,
    });
  });
});
