import { randomUUID } from 'node:crypto';
import {
  copyIntoLandingSql,
  createLandingTableSql,
  insertNewFromLandingSql,
} from '../ddl/snowflake/snowflake-load-sql.js';
import { type QualifiedName, quoteQualified } from '../warehouse/identifier.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { LoadFileError } from './errors.js';

/**
 * Land staged files in RAW on Snowflake: PUT (gzip) under a path of this load in the named internal
 * stage, COPY into a landing table private to this load, one deduplicating INSERT into RAW, drop the
 * landing table. Every write to RAW is that one INSERT, atomic on its own: a failure anywhere before it
 * leaves RAW untouched, and a rerun adds only what is missing. Returns the rows inserted.
 *
 * @example
 * const inserted = await landOnSnowflake(warehouse, raw, stage, ['/tmp/load/part-0001.jsonl']);
 */
export async function landOnSnowflake(
  warehouse: Warehouse,
  raw: QualifiedName,
  stage: QualifiedName,
  files: readonly string[],
): Promise<number> {
  if (files.length === 0) return 0;
  const loadId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
  const path = `load-${loadId}/`;
  const landing = { ...raw, name: `EVENTFLAKE_LOAD_${loadId}` };
  await warehouse.execute(`CREATE STAGE IF NOT EXISTS ${quoteQualified(stage)} FILE_FORMAT = (TYPE = JSON)`);
  for (const file of files) {
    const rows = await warehouse.execute(
      `PUT ${fileUrl(file)} @${quoteQualified(stage)}/${path} AUTO_COMPRESS = TRUE OVERWRITE = TRUE`,
    );
    const status = String(rows[0]?.status ?? '');
    if (status !== 'UPLOADED') throw new LoadFileError(file, `PUT to the stage reported \`${status}\``);
  }
  await warehouse.execute(createLandingTableSql(landing));
  try {
    await warehouse.execute(copyIntoLandingSql(landing, stage, path));
    const [result] = await warehouse.execute(insertNewFromLandingSql(raw, landing));
    return Number(result?.['number of rows inserted'] ?? 0);
  } finally {
    await warehouse.execute(`DROP TABLE IF EXISTS ${quoteQualified(landing)}`);
  }
}

/** PUT takes the local path as a quoted literal; ours are temp files we named. */
function fileUrl(path: string): string {
  return `'file://${path.replaceAll('\\', '/').replaceAll("'", "\\'")}'`;
}
