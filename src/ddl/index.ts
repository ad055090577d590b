export { dropshippingSpec } from './dropshipping-spec.js';
export { DuckDbDdlRenderer, pendingRelation } from './duckdb/duckdb-renderer.js';
export { createRenderer, type DagTask, pipelineDag, render } from './render.js';
export { DefaultDdlRenderer } from './renderer/default-renderer.js';
export type { SqlFile, SqlStatement } from './renderer/sql-file.js';
export { STREAM_ACTION_COLUMN, type StagedJson } from './renderer/transform-renderer.js';
export { SnowflakeDdlRenderer } from './snowflake/snowflake-renderer.js';
export {
  failedTasksAlert,
  lateEventsQuery,
  latencyAlert,
  outOfStockAlert,
  unstagedAlert,
} from './spec/alerts.js';
export {
  type ColumnNode,
  type ColumnOptions,
  column,
  type DdlType,
  type NativeType,
  nativeType,
} from './spec/columns.js';
export { resumeOrder } from './spec/dag.js';
export { DdlSpecError } from './spec/errors.js';
export { objectName } from './spec/names.js';
export {
  type ArchiveNode,
  archive,
  type GrantsNode,
  grants,
  HEALTH_COLUMNS,
  healthSnapshot,
  type RetentionNode,
  retention,
  type TimeUnit,
  type WarehouseNode,
  warehouse,
} from './spec/operations.js';
export {
  allTables,
  FILE_KINDS,
  type FileKind,
  type PipelineInput,
  type PipelineSpec,
  pipeline,
} from './spec/pipeline.js';
export { DIALECTS, type DialectName, type QueryNode, query, type SqlContext } from './spec/queries.js';
export {
  type ColumnSource,
  type StagedColumn,
  type StagedEventSource,
  type StagingNode,
  stagingFor,
} from './spec/staging.js';
export { type StreamMode, type StreamNode, stream } from './spec/streams.js';
export { copyOf, type Layer, rawTable, type TableNode, type TableOptions, table } from './spec/tables.js';
export {
  childTask,
  type DependentTaskOptions,
  finalizerTask,
  onWarehouse,
  type RootTaskOptions,
  rootTask,
  serverless,
  type TaskCompute,
  type TaskNode,
  type TaskTrigger,
  WAREHOUSE_SIZES,
  type WarehouseSize,
} from './spec/tasks.js';
export {
  type AppendNewNode,
  appendNew,
  type CarryOptions,
  carry,
  dateOf,
  derive,
  type Expr,
  type MergeLatestNode,
  mergeLatest,
  now,
  type Projection,
  pick,
  ref,
  type SnapshotNode,
  type StageEventsNode,
  type StreamTransformNode,
  stageEvents,
  type TargetOptions,
  type TransformNode,
} from './spec/transforms.js';
export { wineShopSpec } from './wine-shop-spec.js';
