export { dropshippingSpec } from './dropshipping-spec.js';
export { DuckDbDdlRenderer, pendingRelation } from './duckdb/duckdb-renderer.js';
export { createRenderer, type DagTask, pipelineDag, render } from './render.js';
export { DefaultDdlRenderer } from './renderer/default-renderer.js';
export type { SqlFile, SqlStatement } from './renderer/sql-file.js';
export { STREAM_ACTION_COLUMN } from './renderer/transform-renderer.js';
export { SnowflakeDdlRenderer } from './snowflake/snowflake-renderer.js';
export {
  failedTasksAlert,
  lateEventsQuery,
  latencyAlert,
  outOfStockAlert,
  unstagedAlert,
} from './spec/alerts.js';
export { type ColumnNode, column, type DdlType, type NativeType, nativeType } from './spec/columns.js';
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
export { type StagedEventSource, type StagingNode, stagingFor } from './spec/staging.js';
export { type StreamMode, type StreamNode, stream } from './spec/streams.js';
export { copyOf, type Layer, rawTable, type TableNode, table } from './spec/tables.js';
export {
  childTask,
  finalizerTask,
  onWarehouse,
  rootTask,
  serverless,
  type TaskCompute,
  type TaskNode,
  type TaskTrigger,
  WAREHOUSE_SIZES,
  type WarehouseSize,
} from './spec/tasks.js';
export {
  appendNew,
  carry,
  dateOf,
  derive,
  type Expr,
  mergeLatest,
  now,
  type Projection,
  pick,
  ref,
  stageEvents,
  type TransformNode,
} from './spec/transforms.js';
export { wineShopSpec } from './wine-shop-spec.js';
