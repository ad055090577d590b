import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS_FILE, renderChecks } from '../../../src/checks/render-checks.js';
import { wineShopChecks } from '../../../src/checks/wine-shop-checks.js';
import { DIALECTS } from '../../../src/ddl/spec/queries.js';

const sqlRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'sql');
const regenerate = 'sql/*/09_checks.sql is out of date: run `npx tsx scripts/render-sql.ts` and commit sql/';

describe.each(DIALECTS)('committed sql/%s/09_checks.sql', (dialect) => {
  const file = renderChecks(wineShopChecks, dialect);

  it('matches what the checks render', () => {
    expect(file.name).toBe(CHECKS_FILE);
    expect(readFileSync(join(sqlRoot, dialect, CHECKS_FILE), 'utf8'), regenerate).toBe(file.content);
  });

  it('holds one statement per SQL check of the dialect, each named in its comment', () => {
    const checks = file.statements.filter((s) => !s.name.startsWith('use_'));
    expect(checks.map((s) => s.name)).toContain('reconciliation_order_created');
    expect(checks.map((s) => s.name)).toContain('latency_orders');
    for (const s of checks) expect(s.comment?.startsWith(`${s.name}: `)).toBe(true);
    expect(checks.some((s) => s.name === 'stale_streams')).toBe(dialect === 'snowflake');
  });
});
