/** Every spec builder (stagingFor, stream, rootTask, mergeLatest, …), for building a custom pipeline spec. */

export * from './checks/index.js';
export * from './dashboard/index.js';
export * as ddl from './ddl/index.js';
export {
  createRenderer,
  type DagTask,
  DdlSpecError,
  DefaultDdlRenderer,
  type DialectName,
  DuckDbDdlRenderer,
  dropshippingSpec,
  type PipelineSpec,
  pendingRelation,
  pipeline,
  pipelineDag,
  render,
  SnowflakeDdlRenderer,
  type SqlFile,
  type SqlStatement,
  STREAM_ACTION_COLUMN,
  wineShopSpec,
} from './ddl/index.js';
export { ConfigError, EventflakeError, isEventflakeError } from './errors.js';
export * from './events/index.js';
export * from './generate/index.js';
export * from './kafka/index.js';
export * from './load/index.js';
export * from './local/index.js';
export {
  type Bail,
  createRetry,
  isRetriable,
  RetriesExhaustedError,
  type RetryFunction,
  type RetryInfo,
  type RetryOptions,
} from './retry/index.js';
export * from './sink/index.js';
export {
  DuckDbQueryError,
  DuckDbWarehouse,
  type DuckDbWarehouseOptions,
} from './warehouse/duckdb/duckdb-warehouse.js';
export { type QualifiedName, UnsafeIdentifierError } from './warehouse/identifier.js';
export { DEFAULT_RAW_TABLE, RAW_COLUMNS, type RawEventRow } from './warehouse/raw-layout.js';
export { type SnowflakeConfig, snowflakeConfigFromEnv } from './warehouse/snowflake/snowflake-config.js';
export { type DriverLogLevel, SnowflakeQueryError } from './warehouse/snowflake/snowflake-driver.js';
export {
  SnowflakeWarehouse,
  type SnowflakeWarehouseOptions,
} from './warehouse/snowflake/snowflake-warehouse.js';
export type { Bindable, RawInsertResult, Row, Warehouse } from './warehouse/warehouse.js';
