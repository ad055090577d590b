import { describe, expect, it } from 'vitest';
import { render } from '../../../src/ddl/render.js';
import { column } from '../../../src/ddl/spec/columns.js';
import { DdlSpecError } from '../../../src/ddl/spec/errors.js';
import { objectName } from '../../../src/ddl/spec/names.js';
import { grants, warehouse } from '../../../src/ddl/spec/operations.js';
import { type PipelineSpec, pipeline } from '../../../src/ddl/spec/pipeline.js';
import { query } from '../../../src/ddl/spec/queries.js';
import { stagingFor } from '../../../src/ddl/spec/staging.js';
import { stream } from '../../../src/ddl/spec/streams.js';
import { rawTable, table } from '../../../src/ddl/spec/tables.js';
import { childTask, onWarehouse, rootTask } from '../../../src/ddl/spec/tasks.js';
import { carry, mergeLatest, pick, stageEvents } from '../../../src/ddl/spec/transforms.js';
import { UnsafeIdentifierError } from '../../../src/warehouse/identifier.js';
import { refundIssued, refundSpec } from './fixtures/refund-spec.js';

const unsafe = ['STG ORDERS', 'X"; DROP TABLE Y; --', '1ORDERS', 'A.B', ''];

describe('unsafe names', () => {
  it.each(unsafe)('rejects %j wherever a name enters the spec', (bad) => {
    const raw = rawTable();
    expect(() => objectName('STAGING', bad)).toThrow(UnsafeIdentifierError);
    expect(() => objectName(bad, 'STG_ORDERS')).toThrow(UnsafeIdentifierError);
    expect(() => column(bad, 'string')).toThrow(UnsafeIdentifierError);
    expect(() => warehouse(bad)).toThrow(UnsafeIdentifierError);
    expect(() => onWarehouse(bad)).toThrow(UnsafeIdentifierError);
    expect(() => grants({ readerRole: bad })).toThrow(UnsafeIdentifierError);
    expect(() => rawTable({ schema: 'RAW', name: bad })).toThrow(UnsafeIdentifierError);
    expect(() => stream({ schema: 'RAW', name: bad }, raw, 'append_only')).toThrow(UnsafeIdentifierError);
  });

  it('rejects, at render time, a spec whose names were changed after it was built', () => {
    const { spec } = refundSpec();
    const tampered: PipelineSpec = { ...spec, database: 'SHOP_DB; DROP DATABASE PROD' };
    expect(() => render(tampered, { dialect: 'snowflake' })).toThrow(UnsafeIdentifierError);
    const badTable = { ...spec.raw, name: { schema: 'RAW_DATA', name: 'RAW EVENTS' } };
    expect(() => render({ ...spec, raw: badTable }, { dialect: 'duckdb' })).toThrow(
      /not a safe SQL identifier/,
    );
  });

  it('rejects an event type or JSON key that cannot be written into a task body safely', () => {
    const name = objectName('STAGING', 'STG_X');
    expect(() => stagingFor({ ...refundIssued, type: "X' OR '1'='1" }, name)).toThrow(DdlSpecError);
    const columns = refundIssued.columns.map((c) =>
      c.name === 'AMOUNT' ? { ...c, path: ['event_data', "a'b"] } : c,
    );
    expect(() => stagingFor({ type: 'REFUND_ISSUED', columns }, name)).toThrow(
      /cannot be used in a JSON path/,
    );
  });
});

describe('spec consistency', () => {
  it('refuses two tasks reading one stream, since the first would empty it for the second', () => {
    const { spec, merge, refunds } = refundSpec();
    const second = childTask(objectName('RAW_DATA', 'TASK_AGAIN'), merge, refunds.transform);
    expect(() => pipeline({ ...spec, tasks: [...spec.tasks, second] })).toThrow(
      /both read stream STAGING.STREAM_STG_REFUNDS/,
    );
  });

  it('refuses a task listed before its parent, and a graph spread over two schemas', () => {
    const { spec, root, merge, refunds } = refundSpec();
    expect(() => pipeline({ ...spec, tasks: [merge, root] })).toThrow(
      /listed before RAW_DATA.TASK_STAGE_REFUNDS/,
    );
    const elsewhere = childTask(objectName('STAGING', 'TASK_MERGE_REFUNDS'), root, refunds.transform);
    expect(() => pipeline({ ...spec, tasks: [root, elsewhere] })).toThrow(/must live in schema RAW_DATA/);
  });

  it('refuses references to tables or streams the spec does not list', () => {
    const { spec } = refundSpec();
    expect(() => pipeline({ ...spec, tables: spec.tables.slice(1) })).toThrow(/does not list/);
    expect(() => pipeline({ ...spec, streams: spec.streams.slice(1) })).toThrow(/does not list/);
  });

  it('refuses duplicate tables and queries', () => {
    const { spec } = refundSpec();
    expect(() => pipeline({ ...spec, tables: [...spec.tables, spec.tables[0] ?? spec.raw] })).toThrow(
      /declared twice/,
    );
    const q = query('same', 'A query', () => 'SELECT 1');
    expect(() => pipeline({ ...spec, queries: [q, q] })).toThrow(/query same is declared twice/);
  });

  it('refuses a MERGE whose key or version is not carried unchanged, or reads a missing column', () => {
    const { stg, spec } = refundSpec();
    const source = spec.streams[1];
    if (source === undefined) throw new Error('fixture has no staging stream');
    const into = objectName('PRODUCTION', 'R2');
    const projections = [pick(stg.table, 'REFUND_ID'), pick(stg.table, 'EVENT_TIMESTAMP')];
    expect(() =>
      mergeLatest(source, { into, projections, key: ['MISSING'], version: 'EVENT_TIMESTAMP' }),
    ).toThrow(/MISSING must be a column carried unchanged/);
    expect(() =>
      mergeLatest(source, { into, projections, key: ['REFUND_ID'], version: 'REFUND_ID' }),
    ).toThrow(/must be a timestamp/);
    expect(() => carry(stg.table, { omit: ['NOPE'] })).toThrow(/has no column NOPE/);
    expect(() => stageEvents(source, stg)).toThrow(/must read the RAW table/);
  });

  it('refuses numbers Snowflake would reject and builds nothing half-valid', () => {
    const { stg, spec } = refundSpec();
    const rawStream = spec.streams[0];
    if (rawStream === undefined) throw new Error('fixture has no RAW stream');
    const compute = onWarehouse('WH');
    const transform = stageEvents(rawStream, stg);
    expect(() => rootTask(objectName('RAW_DATA', 'T'), transform, { compute, everyMinutes: 0 })).toThrow(
      /everyMinutes/,
    );
    expect(() =>
      rootTask(objectName('RAW_DATA', 'T'), transform, { compute, autoRetryAttempts: 1.5 }),
    ).toThrow(/autoRetryAttempts/);
    expect(() => table(objectName('A', 'B'), { layer: 'reference', columns: [] })).toThrow(/has no columns/);
    expect(() => warehouse('WH', { autoSuspendSeconds: -1 })).toThrow(DdlSpecError);
  });
});
