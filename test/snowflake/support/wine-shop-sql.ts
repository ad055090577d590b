import { readFileSync } from 'node:fs';
import { render } from '../../../src/ddl/render.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { quoteIdentifier } from '../../../src/warehouse/identifier.js';
import type { Row, Warehouse } from '../../../src/warehouse/warehouse.js';

/** Where the statements run: a throwaway database, and the account's warehouse in place of the spec's. */
export interface SqlTarget {
  readonly database: string;
  /** As SNOWFLAKE_WAREHOUSE gives it; an unquoted name is upper-cased, as Snowflake resolves it. */
  readonly warehouse: string;
}

/**
 * The statements of the committed sql/snowflake files, in file order, retargeted: every identifier in them
 * is quoted, so replacing `"CAVES_ALBERT_DB"` and `"CAVES_ALBERT_WH"` is exact. `create_warehouse` is left
 * out: the suite runs on the account's warehouse and creates none.
 */
export function wineShopStatements(
  files: readonly string[],
  target: SqlTarget,
): { name: string; sql: string }[] {
  const rendered = render(wineShopSpec, { dialect: 'snowflake' });
  const database = quoteIdentifier(wineShopSpec.database);
  const warehouse = quoteIdentifier(wineShopSpec.warehouse.name);
  const to = {
    database: quoteIdentifier(target.database),
    warehouse: quoteIdentifier(
      /^[A-Za-z_][A-Za-z0-9_$]*$/.test(target.warehouse) ? target.warehouse.toUpperCase() : target.warehouse,
    ),
  };
  return files.flatMap((fileName) => {
    const file = rendered.find((f) => f.name === fileName);
    if (file === undefined) throw new Error(`the renderer has no ${fileName}`);
    const committed = readFileSync(new URL(`../../../sql/snowflake/${fileName}`, import.meta.url), 'utf8');
    // What is applied must be what users apply: a stale committed file would make this test prove nothing.
    if (committed !== file.content) {
      throw new Error(
        `sql/snowflake/${fileName} differs from the renderer: run npx tsx scripts/render-sql.ts`,
      );
    }
    return file.statements
      .filter((s) => s.name !== 'create_warehouse')
      .map((s) => ({
        name: `${fileName} ${s.name}`,
        sql: s.sql.replaceAll(database, to.database).replaceAll(warehouse, to.warehouse),
      }));
  });
}

/**
 * Runs the files one statement at a time on one session; a failure names the file and statement.
 *
 * @example
 * await applyWineShopFiles(db.warehouse, ['01_setup.sql', '02_tables.sql'], target);
 */
export async function applyWineShopFiles(
  warehouse: Warehouse,
  files: readonly string[],
  target: SqlTarget,
): Promise<Map<string, Row[]>> {
  const results = new Map<string, Row[]>();
  for (const statement of wineShopStatements(files, target)) {
    try {
      results.set(statement.name, await warehouse.execute(statement.sql));
    } catch (error) {
      throw new Error(`${statement.name} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return results;
}

/** The target of a throwaway database on SNOWFLAKE_WAREHOUSE. */
export function targetOf(database: string, env: NodeJS.ProcessEnv = process.env): SqlTarget {
  const warehouse = env.SNOWFLAKE_WAREHOUSE?.trim();
  if (warehouse === undefined || warehouse === '')
    throw new Error('the Snowflake suite needs SNOWFLAKE_WAREHOUSE');
  return { database, warehouse };
}
