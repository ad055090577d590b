export {
  KafkaCommitError,
  KafkaProduceError,
  KafkaSourceCrashedError,
  KafkaSourceRunningError,
  KafkaSourceStopTimeoutError,
  UnsendableEventError,
} from './errors.js';
export type {
  AlertInfo,
  BatchEndInfo,
  BatchStartInfo,
  CommitErrorInfo,
  CommittedOffset,
  CrashInfo,
  KafkaSourceEventName,
  KafkaSourceEvents,
  PauseInfo,
  RebalanceInfo,
  SeekInfo,
} from './instrumentation-events.js';
export {
  DLQ_HEADER_PREFIX,
  deadLetterMessage,
  KafkaDeadLetterQueue,
  type KafkaDeadLetterQueueOptions,
} from './kafka-dead-letter-queue.js';
export {
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  KafkaProducer,
  SCHEMA_VERSION_HEADER,
  type SendResult,
} from './kafka-producer.js';
export { KafkaSource } from './kafka-source.js';
export { type EncodedBytes, type KafkaLineage, kafkaLineage, kafkaLineageWithJson } from './lineage.js';
export { type ProduceOptions, type ProduceResult, produce } from './produce.js';
export type { CompressionName, KafkaProducerOptions, KeyField, ProducibleEvent } from './producer-options.js';
export type { ResumeAlertCode, ResumeFromWarehouseOptions } from './resume-from-warehouse.js';
export type { KafkaSourceOptions } from './source-options.js';
