import { DuckDbDdlRenderer, pendingRelation } from './duckdb/duckdb-renderer.js';
import type { DefaultDdlRenderer } from './renderer/default-renderer.js';
import type { SqlFile } from './renderer/sql-file.js';
import { SnowflakeDdlRenderer } from './snowflake/snowflake-renderer.js';
import { parentOf } from './spec/dag.js';
import { DdlSpecError } from './spec/errors.js';
import { nameText } from './spec/names.js';
import type { PipelineSpec } from './spec/pipeline.js';
import { DIALECTS, type DialectName } from './spec/queries.js';
import type { StreamMode } from './spec/streams.js';
import { rootOf } from './spec/tasks.js';

/**
 * The renderer of a dialect.
 *
 * @example
 * createRenderer('duckdb').transformBody(spec.tasks[0].transform);
 */
export function createRenderer(dialect: DialectName): DefaultDdlRenderer {
  if (dialect === 'snowflake') return new SnowflakeDdlRenderer();
  if (dialect === 'duckdb') return new DuckDbDdlRenderer();
  throw new DdlSpecError(`dialect must be one of ${DIALECTS.join(', ')}, got \`${String(dialect)}\``);
}

/**
 * Renders a pipeline to ordered, named SQL files (`01_setup.sql` … `08_queries.sql`; a dialect
 * leaves out what it cannot express, e.g. DuckDB has no `03_streams.sql`).
 *
 * @example
 * for (const file of render(wineShopSpec, { dialect: 'snowflake' })) writeFileSync(`sql/snowflake/${file.name}`, file.content);
 */
export function render(spec: PipelineSpec, options: { readonly dialect: DialectName }): SqlFile[] {
  return createRenderer(options.dialect).render(spec);
}

/** One task of the DAG as data, so local mode runs it without parsing SQL. */
export interface DagTask {
  /** `SCHEMA.NAME`. */
  readonly name: string;
  /** The task this one runs after; null for roots and finalizers. */
  readonly parent: string | null;
  readonly root: string;
  /** For a finalizer: the root whose graph it ends. */
  readonly finalizes: string | null;
  /** Roots only: how often Snowflake checks the stream. */
  readonly everyMinutes: number | null;
  /** The stream the body reads; null for a finalizer. */
  readonly stream: {
    readonly name: string;
    readonly table: string;
    readonly mode: StreamMode;
    /** Local mode fills this relation with the stream's new rows before running the DuckDB body. */
    readonly pendingRelation: string;
  } | null;
  readonly target: string;
  readonly body: Readonly<Record<DialectName, string>>;
}

/**
 * The task graph in creation order (every parent before its children), with each body per dialect.
 *
 * @example
 * for (const task of pipelineDag(spec)) if (task.stream) await runner.run(task.stream.pendingRelation, task.body.duckdb);
 */
export function pipelineDag(spec: PipelineSpec): DagTask[] {
  const renderers = { snowflake: new SnowflakeDdlRenderer(), duckdb: new DuckDbDdlRenderer() };
  return spec.tasks.map((task) => {
    const { transform, trigger } = task;
    const parent = parentOf(task);
    return Object.freeze({
      name: nameText(task.name),
      parent: parent === undefined ? null : nameText(parent.name),
      root: nameText(rootOf(task).name),
      finalizes: trigger.kind === 'finalize' ? nameText(trigger.root.name) : null,
      everyMinutes: trigger.kind === 'schedule' ? trigger.minutes : null,
      stream:
        transform.kind === 'snapshot'
          ? null
          : Object.freeze({
              name: nameText(transform.source.name),
              table: nameText(transform.source.on.name),
              mode: transform.source.mode,
              pendingRelation: pendingRelation(transform.source),
            }),
      target: nameText(transform.target.name),
      body: Object.freeze({
        snowflake: renderers.snowflake.transformBody(transform),
        duckdb: renderers.duckdb.transformBody(transform),
      }),
    });
  });
}
