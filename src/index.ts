export { ConfigError, EventflakeError, isEventflakeError } from './errors.js';
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
