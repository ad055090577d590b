import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropshippingSpec } from '../../../src/ddl/dropshipping-spec.js';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { variantSpec } from '../../unit/ddl/fixtures/variant-spec.js';
import { ensureSqlfluff, type ParseReport, parseSnowflake } from './sqlfluff.js';

describe('Snowflake SQL against the sqlfluff grammar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventflake-sqlfluff-'));
  const specs = { 'wine-shop': wineShopSpec, dropshipping: dropshippingSpec, variant: variantSpec() };
  let reports: ParseReport[] = [];
  let expectedFiles: string[] = [];

  beforeAll(async () => {
    const sqlfluff = await ensureSqlfluff();
    for (const [name, spec] of Object.entries(specs)) {
      mkdirSync(join(dir, name));
      for (const file of render(spec, { dialect: 'snowflake' })) {
        writeFileSync(join(dir, name, file.name), file.content);
        expectedFiles.push(`${name}/${file.name}`);
      }
    }
    // A control: sqlfluff must flag this, or a clean result would prove nothing.
    mkdirSync(join(dir, 'control'));
    writeFileSync(join(dir, 'control', 'broken.sql'), 'CREATE TASK t AFTER p AS SELEC 1;\n');
    expectedFiles = [...expectedFiles, 'control/broken.sql'].sort();
    reports = await parseSnowflake(sqlfluff, dir);
  }, 11 * 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses every rendered file, and only the control has an unparsable section', () => {
    const flagged = reports.filter((r) => r.unparsable.length > 0);
    expect(reports.map((r) => relative(dir, r.file)).sort()).toEqual(expectedFiles);
    expect(flagged.map((r) => [relative(dir, r.file), r.unparsable])).toEqual([
      ['control/broken.sql', ['CREATE TASK t AFTER p AS SELEC 1;']],
    ]);
  });
});
