import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadStageName } from '../ddl/snowflake/snowflake-load.js';
import type { ProgressStream } from '../generate/progress.js';
import type { EventParser } from '../sink/event-parser.js';
import { JsonlFileDeadLetterQueue } from '../sink/jsonl-file-dead-letter-queue.js';
import type { QualifiedName } from '../warehouse/identifier.js';
import { DEFAULT_RAW_TABLE } from '../warehouse/raw-layout.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { BadLineSink } from './bad-line-sink.js';
import { landOnDuckDb } from './duckdb-landing.js';
import { LoadToleranceError } from './errors.js';
import { validateInJavaScript } from './javascript-load.js';
import { type LoadOptionsChecked, readLoadOptions } from './load-options.js';
import { LoadProgress } from './load-progress.js';
import { landOnSnowflake } from './snowflake-landing.js';
import { SqlLoad } from './sql-load.js';
import { compileRegistry } from './sql-validation/registry-compiler.js';
import type { FileCounts, LoadFormat } from './validate-file.js';

/** Options of {@link loadFiles}. */
export interface LoadOptions {
  readonly warehouse: Warehouse;
  /** JSON Lines file the bad lines are appended to, in the sink's dead-letter format. */
  readonly deadLetterPath: string;
  /** @default wineShopRegistry */
  readonly registry?: EventParser;
  /** @default RAW_DATA.RAW_EVENTS_STREAM */
  readonly rawTable?: QualifiedName;
  /** @default from each file's name: `.csv` / `.csv.gz` → csv, anything else → jsonl */
  readonly format?: LoadFormat;
  /**
   * When to give up instead of loading: more than `maxBadLines` bad lines (checked as lines are read),
   * or a share of bad lines above `maxBadRatio` (checked once every file is read). Nothing reaches RAW then.
   * @default no limit: bad lines go to the dead-letter file and the rest is loaded
   */
  readonly tolerance?: { readonly maxBadLines?: number; readonly maxBadRatio?: number };
  /** A longer line is a bad line (`line_too_long`). @default 1048576 */
  readonly maxLineBytes?: number;
  /** Snowflake only: the named internal stage. @default EVENTFLAKE_LOAD_STAGE in RAW's schema */
  readonly stage?: QualifiedName;
  /**
   * Where line files (deleted part by part) and validated rows wait before landing; no `*`, `?` or `[`
   * (DuckDB reads them as globs). @default the OS temp folder
   */
  readonly workDir?: string;
  /** Progress line and summary: `true` for stderr, or a stream. @default false */
  readonly progress?: boolean | ProgressStream;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface FileSummary extends FileCounts {
  readonly path: string;
  readonly format: LoadFormat;
}

/** What a load did. `valid - inserted` events were already in RAW (or repeated in the load). */
export interface LoadSummary {
  readonly files: readonly FileSummary[];
  readonly lines: number;
  readonly valid: number;
  readonly bad: number;
  readonly inserted: number;
  readonly alreadyLoaded: number;
  readonly deadLetterPath: string;
  readonly seconds: number;
  /**
   * DuckDB loads: the event types whose JSONL lines were validated in JavaScript rather than in SQL, each
   * with the compiler's reason (e.g. a refinement no `sqlRules` twin covers), so a slow path is never
   * silent. `'*'` when nothing compiled (or the parser is not a `createRegistry` registry). Empty for
   * Snowflake loads and CSV files, which always validate in JavaScript (see docs/load.md).
   */
  readonly validatedInJavaScript: Readonly<Record<string, string>>;
}

/**
 * Load JSONL or CSV event files (plain or gzip) into RAW: every line validated with the registry, bad
 * lines to the dead-letter file with file, line and reason, valid events into RAW with the streaming
 * sink's layout and EVENT_ID idempotency (a file loaded twice, or events that came through Kafka, add
 * nothing). On DuckDB, with a registry from `createRegistry`, the lines are validated inside DuckDB by
 * SQL compiled from the definitions (JavaScript only for the lines SQL does not accept, and for types it
 * cannot compile); otherwise in JavaScript, and Snowflake gets the valid rows by PUT + COPY.
 *
 * @example
 * const summary = await loadFiles(['2025-10.jsonl.gz', 'orders.csv'], {
 *   warehouse, deadLetterPath: 'load-dlq.jsonl', progress: true,
 * });
 * console.log(summary.inserted, summary.bad);
 */
export async function loadFiles(paths: readonly string[], options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now();
  const checked = readLoadOptions(paths, options);
  const sizes = await Promise.all(paths.map(async (p) => (await stat(p)).size));
  const progress = new LoadProgress(
    checked.progressStream,
    paths.length,
    sizes.reduce((a, b) => a + b, 0),
    checked.progressForced,
  );
  const dlq = new JsonlFileDeadLetterQueue({ path: options.deadLetterPath });
  const workDir = await mkdtemp(join(checked.workDir, 'eventflake-load-'));
  try {
    const { files, inserted, validatedInJavaScript } = await validateAndLand(
      paths,
      checked,
      options,
      dlq,
      workDir,
      progress,
    );
    const totals = sum(files);
    progress.finish();
    const summary: LoadSummary = {
      files,
      ...totals,
      inserted,
      alreadyLoaded: totals.valid - inserted,
      deadLetterPath: options.deadLetterPath,
      seconds: (performance.now() - started) / 1000,
      validatedInJavaScript,
    };
    if (checked.progressEnabled) checked.progressStream.write(`${formatLoadSummary(summary)}\n`);
    return summary;
  } finally {
    await dlq.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Validate every file (JavaScript or SQL), then land what is valid in one statement. */
async function validateAndLand(
  paths: readonly string[],
  checked: LoadOptionsChecked,
  options: LoadOptions,
  dlq: JsonlFileDeadLetterQueue,
  workDir: string,
  progress: LoadProgress,
): Promise<{ files: FileSummary[]; inserted: number; validatedInJavaScript: Record<string, string> }> {
  const { warehouse } = options;
  const raw = options.rawTable ?? DEFAULT_RAW_TABLE;
  const bad = new BadLineSink(dlq, checked.maxBadLines);
  const compiled = warehouse.dialect === 'duckdb' ? compileRegistry(checked.parser) : undefined;
  const files: FileSummary[] = [];
  let lines = 0;
  if (compiled !== undefined) {
    const load = await SqlLoad.open({ warehouse, options: checked, compiled, bad, workDir, progress });
    try {
      for (const [index, path] of paths.entries()) {
        progress.startFile();
        const format = checked.formatOf(path);
        const counts = await load.readFile(path, index, format, lines);
        await bad.flush();
        lines += counts.lines;
        files.push({ path, format, ...counts });
      }
      checkRatio(checked, sum(files));
      const validatedInJavaScript = Object.fromEntries(compiled.fallback);
      return { files, inserted: await load.insert(raw), validatedInJavaScript };
    } finally {
      await load.close();
    }
  }
  const staged: string[] = [];
  for (const [index, path] of paths.entries()) {
    progress.startFile();
    const format = checked.formatOf(path);
    const seqBefore = files.reduce((n, f) => n + f.valid, 0);
    const result = await validateInJavaScript(
      path,
      index,
      format,
      checked,
      bad,
      workDir,
      progress,
      lines,
      seqBefore,
    );
    lines += result.counts.lines;
    files.push({ path, format, ...result.counts });
    if (result.counts.valid > 0) staged.push(result.staged);
  }
  checkRatio(checked, sum(files));
  const inserted =
    warehouse.dialect === 'duckdb'
      ? await landOnDuckDb(warehouse, raw, staged)
      : await landOnSnowflake(warehouse, raw, options.stage ?? loadStageName(raw), staged);
  const validatedInJavaScript: Record<string, string> =
    warehouse.dialect === 'duckdb'
      ? { '*': 'no event type compiled to SQL, or the parser is not a createRegistry registry' }
      : {};
  return { files, inserted, validatedInJavaScript };
}

function sum(files: readonly FileSummary[]): { lines: number; valid: number; bad: number } {
  return files.reduce(
    (t, f) => ({ lines: t.lines + f.lines, valid: t.valid + f.valid, bad: t.bad + f.bad }),
    {
      lines: 0,
      valid: 0,
      bad: 0,
    },
  );
}

function checkRatio(options: LoadOptionsChecked, totals: { lines: number; bad: number }): void {
  if (totals.lines === 0 || totals.bad / totals.lines <= options.maxBadRatio) return;
  const share = ((100 * totals.bad) / totals.lines).toFixed(2);
  throw new LoadToleranceError(
    `${share} % of the lines are bad, more than the ${100 * options.maxBadRatio} % the load tolerates (tolerance.maxBadRatio); nothing was loaded`,
    totals.bad,
    totals.lines,
  );
}

/**
 * A load summary in a few lines, for a terminal.
 *
 * @example
 * console.log(formatLoadSummary(await loadFiles(paths, options)));
 */
export function formatLoadSummary(summary: LoadSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const rate = summary.seconds > 0 ? summary.lines / summary.seconds : 0;
  return [
    `loaded ${summary.files.length} file(s), ${n(summary.lines)} lines in ${summary.seconds.toFixed(1)} s (${n(Math.round(rate))} lines/s)`,
    `  valid ${n(summary.valid)} → inserted ${n(summary.inserted)}, already in RAW ${n(summary.alreadyLoaded)}`,
    `  bad ${n(summary.bad)} → ${summary.deadLetterPath}`,
    ...Object.entries(summary.validatedInJavaScript).map(
      ([type, reason]) => `  ${type} validated in JavaScript, not SQL: ${reason}`,
    ),
    ...summary.files.map(
      (f) => `  ${f.path} (${f.format}): ${n(f.lines)} lines, ${n(f.valid)} valid, ${n(f.bad)} bad`,
    ),
  ].join('\n');
}
