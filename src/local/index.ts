export { LocalPipelineError, type LocalPipelineErrorCode } from './errors.js';
export type {
  LocalGraphSuspendedInfo,
  LocalPipelineEventName,
  LocalPipelineEvents,
  LocalTaskEndInfo,
  LocalTaskStartInfo,
} from './local-events.js';
export {
  LocalPipeline,
  type LocalPipelineOptions,
  type LocalRunUntilIdleOptions,
  type LocalStartOptions,
} from './local-pipeline.js';
export { LOCAL_ROW_SEQ_COLUMN, LOCAL_SCHEMA, LOCAL_TASK_HISTORY } from './local-schema.js';
export type { LocalSkipReason, LocalTaskRun, LocalTaskState } from './task-history.js';
