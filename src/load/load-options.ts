import { tmpdir } from 'node:os';
import { ConfigError } from '../errors.js';
import { wineShopRegistry } from '../events/wine-shop.js';
import type { ProgressStream } from '../generate/progress.js';
import type { EventParser } from '../sink/event-parser.js';
import type { LoadOptions } from './load-files.js';
import type { LoadFormat } from './validate-file.js';

/** Options with their defaults applied, checked once before any file is read. */
export interface LoadOptionsChecked {
  readonly parser: EventParser;
  readonly maxLineBytes: number;
  readonly maxBadLines: number;
  readonly maxBadRatio: number;
  readonly now: () => Date;
  readonly progressStream: ProgressStream;
  readonly progressEnabled: boolean;
  readonly progressForced: boolean;
  /** The folder the load's temp folder goes in. */
  readonly workDir: string;
  formatOf(path: string): LoadFormat;
}

/** DuckDB's read_csv / read_json expand these in a path: a temp file there could name other files. */
const GLOB = /[*?[]/;

export function readLoadOptions(paths: readonly string[], options: LoadOptions): LoadOptionsChecked {
  if (paths.length === 0) throw new ConfigError('paths', 'at least one file', paths.length);
  const maxLineBytes = options.maxLineBytes ?? 1_048_576;
  if (!(Number.isInteger(maxLineBytes) && maxLineBytes >= 1024)) {
    throw new ConfigError('maxLineBytes', 'a whole number of bytes from 1024 up', maxLineBytes);
  }
  const maxBadLines = options.tolerance?.maxBadLines ?? Number.POSITIVE_INFINITY;
  if (!(maxBadLines === Number.POSITIVE_INFINITY || (Number.isInteger(maxBadLines) && maxBadLines >= 0))) {
    throw new ConfigError('tolerance.maxBadLines', 'a whole number from 0 up', maxBadLines);
  }
  const maxBadRatio = options.tolerance?.maxBadRatio ?? 1;
  if (!(maxBadRatio >= 0 && maxBadRatio <= 1)) {
    throw new ConfigError('tolerance.maxBadRatio', 'a share from 0 to 1', maxBadRatio);
  }
  const workDir = options.workDir ?? tmpdir();
  if (GLOB.test(workDir)) {
    throw new ConfigError(
      'workDir',
      'a folder path without `*`, `?` or `[` (DuckDB reads them as globs)',
      workDir,
    );
  }
  const progress = options.progress ?? false;
  const progressStream = typeof progress === 'object' ? progress : process.stderr;
  return {
    parser: options.registry ?? wineShopRegistry,
    maxLineBytes,
    maxBadLines,
    maxBadRatio,
    workDir,
    now: options.now ?? (() => new Date()),
    progressStream,
    // An explicit stream is drawn to even when it is not a terminal; `true` draws on a terminal only.
    progressEnabled: progress !== false,
    progressForced: typeof progress === 'object',
    formatOf: (path) => options.format ?? (/\.csv(\.gz)?$/i.test(path) ? 'csv' : 'jsonl'),
  };
}
