/**
 * Writes the wine shop's SQL files under sql/<dialect>/ from the pipeline spec, then its checks
 * (09_checks.sql). Run after changing the spec, the event schemas, the renderer or the checks:
 * `npx tsx scripts/render-sql.ts` (a unit test fails until you do).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChecks } from '../src/checks/render-checks.js';
import { wineShopChecks } from '../src/checks/wine-shop-checks.js';
import { render } from '../src/ddl/render.js';
import { DIALECTS } from '../src/ddl/spec/queries.js';
import { wineShopSpec } from '../src/ddl/wine-shop-spec.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

for (const dialect of DIALECTS) {
  const dir = join(root, 'sql', dialect);
  mkdirSync(dir, { recursive: true });
  // The checks (09_checks.sql) come from the same spec, plus the event schemas and business rules.
  const files = [...render(wineShopSpec, { dialect }), renderChecks(wineShopChecks, dialect)];
  const names = new Set(files.map((f) => f.name));
  // A file the renderer no longer produces must not linger and be applied by mistake.
  for (const stale of readdirSync(dir).filter((n) => n.endsWith('.sql') && !names.has(n)))
    rmSync(join(dir, stale));
  for (const file of files) writeFileSync(join(dir, file.name), file.content);
  console.log(`sql/${dialect}: ${files.map((f) => f.name).join(', ')}`);
}
