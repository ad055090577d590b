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
