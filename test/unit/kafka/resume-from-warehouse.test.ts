import { describe, expect, it } from 'vitest';
import { decideResume, readStoredRun, storedRunSql } from '../../../src/kafka/resume-from-warehouse.js';
import type { Bindable, Row } from '../../../src/warehouse/warehouse.js';

const first = { offset: 100n, timestamp: 1_763_892_900_000 };

describe('decideResume', () => {
  it('skips the run RAW holds when its first record is the one Kafka delivered', () => {
    expect(decideResume({ through: 499n, firstTimestamp: first.timestamp }, first, 600n)).toEqual({
      kind: 'skip',
      through: 499n,
    });
  });

  it('reads everything when RAW holds nothing from the committed offset on', () => {
    expect(decideResume(undefined, first, 600n)).toEqual({ kind: 'none' });
  });

  it('alerts and does not skip when RAW claims offsets at or past the high watermark (KC#690)', () => {
    expect(decideResume({ through: 600n, firstTimestamp: first.timestamp }, first, 600n)).toEqual({
      kind: 'alert',
      code: 'beyond_high_watermark',
      through: 600n,
    });
  });

  it('alerts and does not skip when the stored record at the committed offset is another one', () => {
    expect(decideResume({ through: 150n, firstTimestamp: 5 }, first, 600n)).toMatchObject({
      kind: 'alert',
      code: 'record_mismatch',
    });
    expect(decideResume({ through: 150n, firstTimestamp: undefined }, first, 600n)).toMatchObject({
      code: 'record_mismatch',
    });
  });
});

describe('storedRunSql', () => {
  it('reads lineage with DuckDB JSON functions and Snowflake VARIANT paths, all values bound', () => {
    const table = { schema: 'RAW_DATA', name: 'RAW_EVENTS_STREAM' };
    const duckdb = storedRunSql('duckdb', table);
    expect(duckdb).toContain(`json_extract_string("EVENT_METADATA", '$.topic') = ?`);
    expect(duckdb).toContain(`CAST(json_extract_string("EVENT_METADATA", '$.offset') AS BIGINT)`);
    const snowflake = storedRunSql('snowflake', table);
    expect(snowflake).toContain(`"EVENT_METADATA":"topic"::STRING = ?`);
    expect(snowflake).toContain(`"EVENT_METADATA":"offset"::NUMBER`);
    for (const sql of [duckdb, snowflake]) {
      expect(sql).toContain('FROM "RAW_DATA"."RAW_EVENTS_STREAM"');
      expect(sql.match(/\?/g)).toHaveLength(5);
    }
  });

  it('refuses an unsafe table name', () => {
    expect(() => storedRunSql('duckdb', { schema: 'RAW', name: 'x; DROP TABLE y' })).toThrow(
      /safe SQL identifier/,
    );
  });
});

describe('readStoredRun', () => {
  it('binds the first offset, topic and partition, and reads numbers however the driver returns them', async () => {
    const calls: (readonly Bindable[])[] = [];
    const answer = async (row: Row) => {
      const warehouse = {
        dialect: 'snowflake' as const,
        execute: async (_sql: string, binds: readonly Bindable[] = []) => {
          calls.push(binds);
          return [row];
        },
      };
      return readStoredRun({ warehouse }, { topic: 'sales_events', partition: 2 }, 100n);
    };
    expect(await answer({ through_offset: '499', first_timestamp: 7 })).toEqual({
      through: 499n,
      firstTimestamp: 7,
    });
    expect(await answer({ through_offset: 499n, first_timestamp: null })).toEqual({
      through: 499n,
      firstTimestamp: undefined,
    });
    expect(await answer({ through_offset: null, first_timestamp: null })).toBeUndefined();
    expect(calls[0]).toEqual([100, 'sales_events', 2, 100, 99]);
  });
});
