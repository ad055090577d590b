import { EventEmitter } from 'eventemitter3';
import { type DagTask, pipelineDag } from '../ddl/render.js';
import type { PipelineSpec } from '../ddl/spec/pipeline.js';
import { wineShopSpec } from '../ddl/wine-shop-spec.js';
import { ConfigError } from '../errors.js';
import { DuckDbWarehouse, type DuckDbWarehouseOptions } from '../warehouse/duckdb/duckdb-warehouse.js';
import type { QualifiedName } from '../warehouse/identifier.js';
import { createSerialRunner } from '../warehouse/serial.js';
import { applyLocalDdl } from './apply-ddl.js';
import { LocalPipelineError } from './errors.js';
import { GraphRunner } from './graph-runner.js';
import { GraphSuspension } from './graph-suspension.js';
import type { LocalPipelineEventName, LocalPipelineEvents } from './local-events.js';
import { StreamEmulator } from './stream-emulator.js';
import { type LocalTaskRun, TaskHistory } from './task-history.js';

/** Options of {@link LocalPipeline.open}. */
export interface LocalPipelineOptions {
  /**
   * DuckDB database file, or `:memory:`. A file keeps tables, stream positions and task history.
   * @default ':memory:'
   */
  readonly path?: string;
  /** @default wineShopSpec */
  readonly spec?: PipelineSpec;
  /** DuckDB's `memory_limit`, e.g. `'2GB'` (see {@link DuckDbWarehouseOptions.memoryLimit}). */
  readonly memoryLimit?: string;
}

/** Options of {@link LocalPipeline.start}. */
export interface LocalStartOptions {
  /**
   * Length of one scheduled minute: a root scheduled every N minutes runs every N intervals.
   * @default 1000
   */
  readonly intervalMs?: number;
}

/** Options of {@link LocalPipeline.runUntilIdle}. */
export interface LocalRunUntilIdleOptions {
  /**
   * Graph runs at most, in case writers keep landing rows.
   * @default 100
   */
  readonly maxRuns?: number;
}

/**
 * The pipeline of a spec, streams and tasks included, on embedded DuckDB: no cloud account. Land
 * events in RAW through `warehouse` (e.g. a BatchSink), then run the task graphs once, until idle, or
 * on a timer. See docs/local.md for what the stream emulation covers.
 *
 * @example
 * const local = await LocalPipeline.open({ path: 'caves.duckdb' });
 * const sink = new BatchSink({ warehouse: local.warehouse, registry: wineShopRegistry, deadLetterQueue: new MemoryDeadLetterQueue() });
 * await new InProcessSource(createGenerator(wineShop, { seed: 1 }).take(2_000)).run(sink);
 * await local.runUntilIdle();
 * await local.close();
 */
export class LocalPipeline extends EventEmitter<LocalPipelineEvents> {
  readonly warehouse: DuckDbWarehouse;
  readonly spec: PipelineSpec;
  /** Where RAW lives: give it to a BatchSink as `table`. */
  readonly rawTable: QualifiedName;
  readonly #roots: readonly DagTask[];
  readonly #streams: StreamEmulator;
  readonly #history: TaskHistory;
  readonly #suspension: GraphSuspension;
  readonly #runner: GraphRunner;
  /** Graph runs never overlap, whoever starts them (timer, runOnce, runUntilIdle). */
  readonly #serial = createSerialRunner();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loop: Promise<void> | undefined;
  #started = false;
  #closed = false;

  private constructor(warehouse: DuckDbWarehouse, spec: PipelineSpec) {
    super();
    this.warehouse = warehouse;
    this.spec = spec;
    this.rawTable = spec.raw.name;
    const dag = pipelineDag(spec);
    this.#roots = dag.filter((t) => t.everyMinutes !== null);
    this.#streams = new StreamEmulator(warehouse, spec);
    this.#history = new TaskHistory(warehouse, spec.database);
    this.#suspension = new GraphSuspension(warehouse);
    const notify = this.#notify.bind(this);
    const parts = { warehouse, streams: this.#streams, history: this.#history, suspension: this.#suspension };
    this.#runner = new GraphRunner({ ...parts, notify }, spec, dag);
  }

  /** Opens (or creates) the database and applies the pipeline's DuckDB DDL; safe on an existing file. */
  static async open(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
    const spec = options.spec ?? wineShopSpec;
    const warehouse = await DuckDbWarehouse.open({
      path: options.path ?? ':memory:',
      ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
    });
    try {
      await applyLocalDdl(warehouse, spec);
      const local = new LocalPipeline(warehouse, spec);
      await local.#streams.install();
      return local;
    } catch (error) {
      await warehouse.close().catch(() => undefined);
      throw error;
    }
  }

  /** Runs every task graph once, roots in spec order; resolves with the runs it recorded. */
  runOnce(): Promise<LocalTaskRun[]> {
    return this.#runRoots(() => true);
  }

  /**
   * Runs the graphs until no root that may run has data in its stream; stops early after a run in
   * which a task failed (the next runs would fail the same way).
   */
  async runUntilIdle(options: LocalRunUntilIdleOptions = {}): Promise<LocalTaskRun[]> {
    const maxRuns = options.maxRuns ?? 100;
    if (!Number.isSafeInteger(maxRuns) || maxRuns < 1) {
      throw new ConfigError('maxRuns', 'a whole number from 1 and up', maxRuns);
    }
    const all: LocalTaskRun[] = [];
    for (let i = 0; i < maxRuns && (await this.#anyRootHasData()); i += 1) {
      const runs = await this.runOnce();
      all.push(...runs);
      if (runs.some((r) => r.state === 'FAILED')) break;
    }
    return all;
  }

  /** Runs the graphs on a timer, the first run at once; a run never starts before the last one ended. */
  start(options: LocalStartOptions = {}): void {
    this.#assertOpen();
    const intervalMs = options.intervalMs ?? 1000;
    if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) {
      throw new ConfigError('intervalMs', 'a whole number of milliseconds from 1 and up', intervalMs);
    }
    if (this.#started) return;
    this.#started = true;
    let tick = 0;
    const loop = async (): Promise<void> => {
      const minute = tick;
      tick += 1;
      try {
        await this.#runRoots((root) => minute % (root.everyMinutes ?? 1) === 0);
      } catch (error) {
        this.#notify('run.error', error);
      }
      if (this.#started) {
        this.#timer = setTimeout(() => {
          this.#loop = loop();
        }, intervalMs);
      }
    };
    this.#loop = loop();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#loop;
    this.#loop = undefined;
  }

  /** `SYSTEM$STREAM_HAS_DATA`, by `SCHEMA.NAME` or bare name. */
  async streamHasData(name: string): Promise<boolean> {
    this.#assertOpen();
    return this.#streams.hasData(name);
  }

  /** Every recorded task run, oldest first (also queryable as EVENTFLAKE_LOCAL.TASK_HISTORY). */
  async taskHistory(): Promise<LocalTaskRun[]> {
    this.#assertOpen();
    return this.#history.read();
  }

  /** ALTER TASK … RESUME for a graph suspended after repeated failures; name its root task. */
  async resumeTask(name: string): Promise<void> {
    this.#assertOpen();
    const root = this.#roots.find((t) => t.name === name || t.name.endsWith(`.${name}`));
    if (root === undefined) {
      const roots = this.#roots.map((t) => t.name).join(', ');
      throw new LocalPipelineError('ERR_LOCAL_UNKNOWN_TASK', `no root task ${name} in the spec (${roots})`);
    }
    await this.#suspension.resume(root.name);
  }

  /** Stops the timer, waits for a run in progress, and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.stop();
    this.#closed = true;
    await this.#serial(() => this.warehouse.close());
  }

  #runRoots(include: (root: DagTask) => boolean): Promise<LocalTaskRun[]> {
    return this.#serial(async () => {
      this.#assertOpen();
      const runs: LocalTaskRun[] = [];
      for (const root of this.#roots) if (include(root)) runs.push(...(await this.#runner.run(root)));
      return runs;
    });
  }

  async #anyRootHasData(): Promise<boolean> {
    for (const root of this.#roots) {
      if (root.stream === null || (await this.#suspension.isSuspended(root.name))) continue;
      if (await this.#streams.hasData(root.stream.name)) return true;
    }
    return false;
  }

  #assertOpen(): void {
    if (this.#closed) throw new LocalPipelineError('ERR_LOCAL_CLOSED', 'the local pipeline is closed');
  }

  #notify<K extends LocalPipelineEventName>(name: K, payload: Parameters<LocalPipelineEvents[K]>[0]): void {
    if (this.listenerCount(name) === 0) return;
    try {
      // eventemitter3 cannot relate a generic K to its argument list; every event takes one argument.
      (this.emit as (event: K, arg: Parameters<LocalPipelineEvents[K]>[0]) => boolean)(name, payload);
    } catch {
      // A listener's failure is its own: the run goes on.
    }
  }
}
