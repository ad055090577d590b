import { type QualifiedName, quoteIdentifier, quoteQualified } from '../warehouse/identifier.js';
import { DEFAULT_RAW_TABLE } from '../warehouse/raw-layout.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { TopicPartition } from './partition-offsets.js';

/** Where resume-from-warehouse looks for records already landed. */
export interface ResumeFromWarehouseOptions {
  /** The warehouse the sink writes to; only `execute` and `dialect` are used. */
  readonly warehouse: Pick<Warehouse, 'execute' | 'dialect'>;
  /**
   * The RAW table whose EVENT_METADATA holds the Kafka lineage.
   * @default { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' }
   */
  readonly table?: QualifiedName;
}

/** The first record of a partition's first batch after an assignment, as Kafka delivered it. */
export interface FirstRecord {
  readonly offset: bigint;
  readonly timestamp: number;
}

/** Why RAW's offsets were not trusted; the source then reads from Kafka's committed offset. */
export type ResumeAlertCode = 'beyond_high_watermark' | 'record_mismatch' | 'lookup_failed';

export type ResumeDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'skip'; readonly through: bigint }
  | {
      readonly kind: 'alert';
      readonly code: ResumeAlertCode;
      readonly through?: bigint;
      readonly error?: unknown;
    };

/** What RAW holds from a partition's committed offset on, without a gap. */
export interface StoredRun {
  /** The last offset of the gap-free run of offsets starting at the committed offset. */
  readonly through: bigint;
  /** The timestamp RAW recorded for the record at the committed offset. */
  readonly firstTimestamp: number | undefined;
}

/**
 * The SQL that finds the gap-free run of offsets RAW holds for one partition from a given offset on,
 * and the timestamp stored for that first offset. Binds: first offset, topic, partition, first offset,
 * first offset − 1. Only a gap-free run is safe to skip: the sink flushes chunks side by side, so after
 * a crash RAW may hold offset 900 and miss 400.
 *
 * @example
 * storedRunSql('duckdb', { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' });
 */
export function storedRunSql(dialect: Warehouse['dialect'], table: QualifiedName): string {
  const metadata = quoteIdentifier('EVENT_METADATA');
  const field =
    dialect === 'snowflake'
      ? (name: string, type: 'STRING' | 'NUMBER') => `${metadata}:${quoteIdentifier(name)}::${type}`
      : (name: string, type: 'STRING' | 'NUMBER') => {
          const text = `json_extract_string(${metadata}, '$.${name}')`;
          return type === 'STRING' ? text : `CAST(${text} AS BIGINT)`;
        };
  return `SELECT MAX(o) AS "through_offset", MAX(CASE WHEN o = ? THEN ts END) AS "first_timestamp"
FROM (
  SELECT o, ts, o - ROW_NUMBER() OVER (ORDER BY o) AS island
  FROM (
    SELECT DISTINCT ${field('offset', 'NUMBER')} AS o, ${field('timestamp', 'NUMBER')} AS ts
    FROM ${quoteQualified(table)}
    WHERE ${field('topic', 'STRING')} = ? AND ${field('partition', 'NUMBER')} = ?
  ) AS stored
  WHERE o >= ?
) AS runs
WHERE island = ?`;
}

/**
 * Read the gap-free run RAW holds for `partition` from `from` on; undefined when RAW lacks `from`.
 *
 * @example
 * await readStoredRun({ warehouse }, { topic: 'sales_events', partition: 0 }, 1200n);
 * // => { through: 1899n, firstTimestamp: 1763892900000 }
 */
export async function readStoredRun(
  options: ResumeFromWarehouseOptions,
  partition: TopicPartition,
  from: bigint,
): Promise<StoredRun | undefined> {
  const { warehouse } = options;
  const sql = storedRunSql(warehouse.dialect, options.table ?? DEFAULT_RAW_TABLE);
  const start = Number(from);
  const rows = await warehouse.execute(sql, [start, partition.topic, partition.partition, start, start - 1]);
  const through = toBigInt(rows[0]?.through_offset);
  if (through === undefined) return undefined;
  const firstTimestamp = toBigInt(rows[0]?.first_timestamp);
  return { through, firstTimestamp: firstTimestamp === undefined ? undefined : Number(firstTimestamp) };
}

/**
 * Whether to skip what RAW already holds. Skip only when the run's first record is the one Kafka just
 * delivered (same timestamp) and the run stays below the high watermark; otherwise the topic was
 * recreated or the records are not ours (KC#690), and Kafka's committed offset is trusted.
 *
 * @example
 * decideResume({ through: 99n, firstTimestamp: 5 }, { offset: 0n, timestamp: 5 }, 100n); // => { kind: 'skip', through: 99n }
 * decideResume({ through: 99n, firstTimestamp: 5 }, { offset: 0n, timestamp: 5 }, 50n); // => alert beyond_high_watermark
 */
export function decideResume(
  run: StoredRun | undefined,
  first: FirstRecord,
  highWatermark: bigint,
): ResumeDecision {
  if (run === undefined || run.through < first.offset) return { kind: 'none' };
  if (run.through >= highWatermark) {
    return { kind: 'alert', code: 'beyond_high_watermark', through: run.through };
  }
  if (run.firstTimestamp !== first.timestamp) {
    return { kind: 'alert', code: 'record_mismatch', through: run.through };
  }
  return { kind: 'skip', through: run.through };
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return undefined;
}
