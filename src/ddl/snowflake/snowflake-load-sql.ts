import { type QualifiedName, quoteIdentifier, quoteQualified } from '../../warehouse/identifier.js';
import { RAW_COLUMNS } from '../../warehouse/raw-layout.js';

/**
 * The loader's staged files hold one JSON object per valid event, keyed by RAW's column names plus
 * {@link LANDING_SEQUENCE_KEY}, its position in the load (the first of two lines sharing an EVENT_ID wins).
 * A NULL column is left out rather than written as JSON null, which a VARIANT-to-VARCHAR cast does not
 * turn into SQL NULL everywhere (fakesnow gives `null`); a missing key is NULL in every engine.
 * Snowflake lands each object in the one VARIANT column {@link LANDING_COLUMN} of a landing table.
 */
export const LANDING_SEQUENCE_KEY = 'SEQ';
export const LANDING_COLUMN = 'V';

const LOADED_COLUMNS = RAW_COLUMNS.filter((c) => c.name !== 'INGESTION_TIMESTAMP');

/**
 * A landing table: transient (no fail-safe copy of rows that only pass through), one VARIANT column.
 *
 * @example
 * createLandingTableSql({ schema: 'RAW_DATA', name: 'RAW_EVENTS_LANDING' });
 */
export function createLandingTableSql(table: QualifiedName): string {
  return `CREATE TRANSIENT TABLE IF NOT EXISTS ${quoteQualified(table)} (${quoteIdentifier(LANDING_COLUMN)} VARIANT)`;
}

/**
 * COPY every file under a stage path into a landing table. ON_ERROR = ABORT_STATEMENT: the files were
 * validated line by line before staging, so a row Snowflake cannot parse means a corrupt upload, and the
 * load must fail whole rather than land part of a file. FORCE = TRUE: idempotency is the EVENT_ID check of
 * the insert that follows, not Snowflake's per-table load metadata (see docs/load.md). PURGE removes the
 * staged files once loaded.
 *
 * @example
 * copyIntoLandingSql(landing, { schema: 'RAW_DATA', name: 'EVENTFLAKE_LOAD_STAGE' }, 'load-1f2e/');
 */
export function copyIntoLandingSql(landing: QualifiedName, stage: QualifiedName, path = ''): string {
  if (!/^[A-Za-z0-9_./-]*$/.test(path) || path.includes('..')) {
    throw new Error(`stage path \`${path.slice(0, 80)}\` may hold only letters, digits, _ . / -`);
  }
  return `COPY INTO ${quoteQualified(landing)}
FROM @${quoteQualified(stage)}/${path}
FILE_FORMAT = (TYPE = JSON)
ON_ERROR = ABORT_STATEMENT
FORCE = TRUE
PURGE = TRUE`;
}

/**
 * Insert the landed events whose EVENT_ID RAW does not hold yet, one row per EVENT_ID (the lowest SEQ):
 * one statement, so it is atomic on its own, and running it twice adds nothing.
 *
 * @example
 * insertNewFromLandingSql(raw, landing); // then read "number of rows inserted"
 */
export function insertNewFromLandingSql(raw: QualifiedName, landing: QualifiedName): string {
  const v = quoteIdentifier(LANDING_COLUMN);
  const get = (key: string) => `GET_PATH(${v}, '${key}')`;
  const projected = LOADED_COLUMNS.map((c) => {
    const value =
      c.snowflake === 'VARIANT'
        ? get(c.name)
        : c.snowflake === 'TIMESTAMP_NTZ'
          ? `TO_TIMESTAMP_NTZ(${get(c.name)}::VARCHAR)`
          : `${get(c.name)}::VARCHAR`;
    return `${value} AS ${quoteIdentifier(c.name)}`;
  });
  const id = quoteIdentifier('EVENT_ID');
  const names = RAW_COLUMNS.map((c) => quoteIdentifier(c.name)).join(', ');
  const picked = LOADED_COLUMNS.map((c) => `b.${quoteIdentifier(c.name)}`).join(', ');
  return `INSERT INTO ${quoteQualified(raw)} (${names})
SELECT ${picked}, SYSDATE()
FROM (
  SELECT
    ${projected.join(',\n    ')},
    ROW_NUMBER() OVER (PARTITION BY ${get('EVENT_ID')}::VARCHAR ORDER BY ${get(LANDING_SEQUENCE_KEY)}::NUMBER) AS "EF_RANK"
  FROM ${quoteQualified(landing)}
) AS b
WHERE b."EF_RANK" = 1
  AND NOT EXISTS (SELECT 1 FROM ${quoteQualified(raw)} AS r WHERE r.${id} = b.${id})`;
}
