import { pipelineDag, render } from '../../../src/ddl/render.js';
import type { FileKind, PipelineSpec } from '../../../src/ddl/spec/pipeline.js';
import type { DuckDbWarehouse } from '../../../src/warehouse/duckdb/duckdb-warehouse.js';
import { parseQualified, quoteQualified } from '../../../src/warehouse/identifier.js';

/**
 * A stand-in for local mode's runner, just enough to run the DuckDB bodies the way Snowflake tasks
 * would: each stream remembers the last row it delivered (by rowid), and a run fills each task's
 * pending relation with the rows added since, then runs the body, parents first.
 */
export class TestDagRunner {
  readonly #wh: DuckDbWarehouse;
  readonly #spec: PipelineSpec;
  readonly #delivered = new Map<string, number>();

  constructor(wh: DuckDbWarehouse, spec: PipelineSpec) {
    this.#wh = wh;
    this.#spec = spec;
  }

  /** Runs every statement of the rendered DuckDB files of the given kinds, in file order. */
  async apply(...kinds: FileKind[]): Promise<void> {
    const files = render(this.#spec, { dialect: 'duckdb' });
    for (const file of files) {
      if (!kinds.some((k) => file.name.includes(`_${k}`))) continue;
      for (const statement of file.statements) await this.#wh.execute(statement.sql);
    }
  }

  /** One graph run of every task. */
  async runOnce(): Promise<void> {
    for (const task of pipelineDag(this.#spec)) {
      if (task.stream === null) {
        await this.#wh.execute(task.body.duckdb);
        continue;
      }
      const source = quoteQualified(parseQualified(task.stream.table));
      const [top] = await this.#wh.execute(
        `SELECT CAST(COALESCE(MAX(rowid), -1) AS INTEGER) AS top FROM ${source}`,
      );
      const upTo = Number(top?.top ?? -1);
      const from = this.#delivered.get(task.stream.name) ?? -1;
      const action = task.stream.mode === 'standard' ? `, 'INSERT' AS "METADATA$ACTION"` : '';
      await this.#wh.execute(
        `CREATE OR REPLACE TEMP TABLE ${task.stream.pendingRelation} AS
         SELECT src.*${action} FROM ${source} AS src WHERE src.rowid > ? AND src.rowid <= ?`,
        [from, upTo],
      );
      await this.#wh.execute(task.body.duckdb);
      this.#delivered.set(task.stream.name, upTo);
    }
  }

  /** Forgets what every stream delivered, so the next run replays all rows. */
  rewind(): void {
    this.#delivered.clear();
  }
}
