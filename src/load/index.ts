export {
  LoadFileError,
  LoadToleranceError,
  SqlLineCountError,
  SqlValidationMismatchError,
} from './errors.js';
export { EVENT_CSV_COLUMNS, eventToCsvRecord } from './event-csv.js';
export {
  type FileSummary,
  formatLoadSummary,
  type LoadOptions,
  type LoadSummary,
  loadFiles,
} from './load-files.js';
export type { LoadFormat } from './validate-file.js';
