import { describe, expect, it } from 'vitest';
import { createRenderer, pipelineDag, render } from '../../../src/ddl/render.js';
import type { PipelineSpec } from '../../../src/ddl/spec/pipeline.js';
import { wineShopSpec } from '../../../src/ddl/wine-shop-spec.js';
import { sql, statementOf } from './expect-ddl.js';
import { refundSpec } from './fixtures/refund-spec.js';
import { variantSpec } from './fixtures/variant-spec.js';

function taskStatementNames(spec: PipelineSpec): string[] {
  const file = render(spec, { dialect: 'snowflake' }).find((f) => f.name === '04_tasks.sql');
  return file?.statements.map((s) => s.name) ?? [];
}

describe('Snowflake task graph', () => {
  it('creates a root on a schedule, gated on its stream, with failure and retry settings', () => {
    const { spec } = refundSpec();
    const ddl = statementOf(
      render(spec, { dialect: 'snowflake' }),
      '04_tasks.sql',
      'create_task_task_stage_refunds',
    );
    expect(ddl.split('\nAS\n')[0]).toBe(
      sql(`
        CREATE OR REPLACE TASK "RAW_DATA"."TASK_STAGE_REFUNDS"
          WAREHOUSE = "WH"
          SCHEDULE = '1 MINUTE'
          SUSPEND_TASK_AFTER_NUM_FAILURES = 3
          COMMENT = 'RAW_DATA.STREAM_RAW_REFUNDS -> STAGING.STG_REFUNDS'
          TASK_AUTO_RETRY_ATTEMPTS = 2
          WHEN SYSTEM$STREAM_HAS_DATA('"RAW_DATA"."STREAM_RAW_REFUNDS"')`),
    );
  });

  it('creates children AFTER their parent, without schedule, condition or root-only settings', () => {
    const { spec } = refundSpec();
    const ddl = statementOf(
      render(spec, { dialect: 'snowflake' }),
      '04_tasks.sql',
      'create_task_task_ledger_refunds',
    );
    expect(ddl.split('\nAS\n')[0]).toBe(
      sql(`
        CREATE OR REPLACE TASK "RAW_DATA"."TASK_LEDGER_REFUNDS"
          WAREHOUSE = "WH"
          COMMENT = 'STAGING.STREAM_STG_REFUNDS_LEDGER -> PRODUCTION.REFUND_LEDGER'
          AFTER "RAW_DATA"."TASK_MERGE_REFUNDS"`),
    );
  });

  it('renders serverless sizing and a finalizer bound to its root', () => {
    const files = render(variantSpec(), { dialect: 'snowflake' });
    expect(statementOf(files, '04_tasks.sql', 'create_task_t_stage')).toContain(
      "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = 'SMALL'\n  SCHEDULE = '5 MINUTE'",
    );
    expect(statementOf(files, '04_tasks.sql', 'create_task_t_snapshot')).toContain(
      'FINALIZE = "LANDING"."T_STAGE"\nAS\n',
    );
  });

  it.each([
    ['wine shop', wineShopSpec],
    ['refunds (a chain of three)', refundSpec().spec],
    ['variant (with a finalizer)', variantSpec()],
  ])(
    '%s: suspends roots, creates parents first, then resumes every child before its parent and each root last',
    (_, spec) => {
      const names = taskStatementNames(spec);
      const at = (prefix: string, task: string) => names.indexOf(`${prefix}_${task.toLowerCase()}`);
      const dag = pipelineDag(spec);
      for (const task of dag) {
        const self = task.name.split('.')[1] ?? '';
        const root = task.root.split('.')[1] ?? '';
        expect(
          Math.min(at('create_task', self), at('resume', self), at('suspend', root)),
        ).toBeGreaterThanOrEqual(0);
        expect(at('create_task', self)).toBeGreaterThan(at('suspend', root));
        expect(at('resume', self)).toBeGreaterThan(
          at('create_task', dag[dag.length - 1]?.name.split('.')[1] ?? ''),
        );
        if (task.parent !== null) {
          const parent = task.parent.split('.')[1] ?? '';
          expect(at('create_task', self)).toBeGreaterThan(at('create_task', parent));
          expect(at('resume', self)).toBeLessThan(at('resume', parent));
        }
        if (self !== root) expect(at('resume', self)).toBeLessThan(at('resume', root));
      }
      expect(names.filter((n) => n.startsWith('resume_'))).toHaveLength(dag.length);
    },
  );
});

describe('DuckDB transforms', () => {
  it('has no streams, tasks or grants files, and lists the transform bodies in DAG order as 04_transforms.sql', () => {
    const spec = variantSpec();
    const files = render(spec, { dialect: 'duckdb' });
    expect(files.map((f) => f.name)).toEqual([
      '01_setup.sql',
      '02_tables.sql',
      '04_transforms.sql',
      '05_monitoring.sql',
    ]);
    const transforms = files.find((f) => f.name === '04_transforms.sql');
    const duckdb = createRenderer('duckdb');
    expect(transforms?.statements.map((s) => s.sql)).toEqual(
      spec.tasks.map((t) => duckdb.transformBody(t.transform)),
    );
  });
});
