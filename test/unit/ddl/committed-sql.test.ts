import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderChecks } from '../../../src/checks/render-checks.js';
import { wineShopChecks } from '../../../src/checks/wine-shop-checks.js';
import { render } from '../../../src/ddl/render.js';
import { DIALECTS } from '../../../src/ddl/spec/queries.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';

const sqlRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'sql');
const regenerate = 'the committed SQL is out of date: run `npx tsx scripts/render-sql.ts` and commit sql/';

describe.each(DIALECTS)('committed sql/%s', (dialect) => {
  // scripts/render-sql.ts writes the pipeline's files and the checks' 09_checks.sql.
  const files = [...render(wineShopSpec, { dialect }), renderChecks(wineShopChecks, dialect)];
  const dir = join(sqlRoot, dialect);

  it('holds exactly the files the renderer writes', () => {
    const committed = readdirSync(dir).filter((name) => name.endsWith('.sql'));
    expect(committed.sort(), regenerate).toEqual(files.map((f) => f.name).sort());
  });

  it.each(files.map((f) => [f.name, f.content] as const))('%s matches the renderer', (name, content) => {
    expect(readFileSync(join(dir, name), 'utf8'), regenerate).toBe(content);
  });
});
