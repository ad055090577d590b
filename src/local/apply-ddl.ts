import { render } from '../ddl/render.js';
import { FILE_KINDS, type FileKind, type PipelineSpec } from '../ddl/spec/pipeline.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { bookkeepingStatements } from './local-schema.js';

/** What local mode applies on open: schemas, tables and views. Alerts, maintenance and analytics are run on demand. */
const APPLIED: ReadonlySet<FileKind> = new Set(['setup', 'tables', 'monitoring']);

/**
 * Applies the pipeline's rendered DuckDB DDL, then local mode's bookkeeping. Every statement is
 * CREATE … IF NOT EXISTS or CREATE OR REPLACE VIEW, so reopening a database file changes no rows.
 *
 * @example
 * await applyLocalDdl(await DuckDbWarehouse.open({ path: 'caves.duckdb' }), wineShopSpec);
 */
export async function applyLocalDdl(
  warehouse: Pick<Warehouse, 'execute'>,
  spec: PipelineSpec,
): Promise<void> {
  for (const file of render(spec, { dialect: 'duckdb' })) {
    // Files are numbered after FILE_KINDS (01_setup.sql …), whatever topic word a dialect gives them.
    const kind = FILE_KINDS[Number.parseInt(file.name.slice(0, 2), 10) - 1];
    if (kind === undefined || !APPLIED.has(kind)) continue;
    for (const statement of file.statements) {
      // The monitoring file also holds the alert queries: only its views are created here.
      if (kind === 'monitoring' && !statement.name.startsWith('create_')) continue;
      await warehouse.execute(statement.sql);
    }
  }
  for (const sql of bookkeepingStatements()) await warehouse.execute(sql);
}
