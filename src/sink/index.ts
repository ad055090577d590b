export type { BatchTicket } from './ack-sequencer.js';
export { BatchSink, type CloseOptions } from './batch-sink.js';
export type {
  DeadLetter,
  DeadLetterCode,
  DeadLetterIssue,
  DeadLetterQueue,
  DeadLetterReason,
} from './dead-letter.js';
export {
  DeadLetterWriteError,
  InvalidRecordError,
  SinkClosedError,
  SinkCloseTimeoutError,
  SinkFailedError,
  SourceAckError,
  WarehouseRejectedBatchError,
} from './errors.js';
export type { EventParser } from './event-parser.js';
export {
  type InProcessAck,
  type InProcessItem,
  InProcessSource,
  type InProcessSourceOptions,
} from './in-process-source.js';
export {
  JsonlFileDeadLetterQueue,
  type JsonlFileDeadLetterQueueOptions,
  readDeadLetters,
} from './jsonl-file-dead-letter-queue.js';
export { MemoryDeadLetterQueue } from './memory-dead-letter-queue.js';
export type {
  DeadLetterInfo,
  FlushInfo,
  PressureInfo,
  RetryEventInfo,
  SinkEventName,
  SinkEvents,
} from './sink-events.js';
export type { BatchSinkOptions } from './sink-options.js';
export type { BatchWriter, Source, SourceBatch, SourceRecord } from './source.js';
