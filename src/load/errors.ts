import { EventflakeError } from '../errors.js';

/** A file could not be read as a whole (missing, unreadable, a CSV without the expected header). */
export class LoadFileError extends EventflakeError {
  readonly file: string;

  constructor(file: string, message: string, cause?: unknown) {
    super('ERR_LOAD_FILE', `${file}: ${message}`, { cause });
    this.file = file;
  }
}

/**
 * More bad lines than the load's error tolerance allows. Nothing reached RAW: the load validates every
 * line before it inserts any. The dead-letter file holds the bad lines found so far.
 */
export class LoadToleranceError extends EventflakeError {
  readonly badLines: number;
  readonly lines: number;

  constructor(message: string, badLines: number, lines: number) {
    super('ERR_LOAD_TOLERANCE', message);
    this.badLines = badLines;
    this.lines = lines;
  }
}

/**
 * The SQL validation compiled from the event definitions refused a line the registry accepts: a bug
 * in eventflake's compiler, never a property of the data. Nothing was loaded.
 */
export class SqlValidationMismatchError extends EventflakeError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, eventType: string) {
    super(
      'ERR_LOAD_SQL_MISMATCH',
      `${file}: line ${line}: the SQL validation rejected a ${eventType} event the registry accepts. ` +
        "This is a bug in eventflake's SQL compiler; nothing was loaded. To load now, validate in " +
        'JavaScript by passing `registry: { parse: (event) => registry.parse(event) }`.',
    );
    this.file = file;
    this.line = line;
  }
}

/**
 * DuckDB classified fewer (or more) lines of a line file than JavaScript wrote to it: lines would
 * vanish without a row or a dead letter. Nothing was loaded.
 */
export class SqlLineCountError extends EventflakeError {
  readonly file: string;

  constructor(file: string, written: number, classified: number) {
    super(
      'ERR_LOAD_SQL_LINES',
      `${file}: DuckDB classified ${classified} of the ${written} lines handed to it; nothing was loaded. ` +
        "This is a bug in eventflake's SQL path (or the line file was changed during the load).",
    );
    this.file = file;
  }
}
