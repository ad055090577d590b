import type { Batch, KafkaMessage } from 'kafkajs';
import type { SourceRecord } from '../sink/source.js';
import type { BatchStartInfo, CommittedOffset } from './instrumentation-events.js';
import { kafkaLineageWithJson } from './lineage.js';
import type { PartitionOffset, TopicPartition } from './partition-offsets.js';

/** A tombstone (null value) is no event: the sink dead-letters it as invalid JSON and its offset advances. */
const EMPTY_VALUE = new Uint8Array(0);

/**
 * A kafkajs message as the record the sink reads: its value, and its lineage with the lineage's JSON text.
 * `head` is the partition's `lineageHead`, written once per batch.
 *
 * @example
 * const records = batch.messages.map((message) => toRecord(lineageHead(topic, partition), { topic, partition }, message));
 */
export function toRecord(head: string, partition: TopicPartition, message: KafkaMessage): SourceRecord {
  const { lineage, json } = kafkaLineageWithJson(partition.topic, partition.partition, message, head);
  return { value: message.value ?? EMPTY_VALUE, lineage, lineageJson: json };
}

/**
 * An offset as kafkajs commits it and the instrumentation events report it: a decimal string.
 *
 * @example
 * toCommitted({ topic: 'sales_events', partition: 0, offset: 42n }); // => { topic: 'sales_events', partition: 0, offset: '42' }
 */
export function toCommitted(offset: PartitionOffset): CommittedOffset {
  return { topic: offset.topic, partition: offset.partition, offset: offset.offset.toString() };
}

/**
 * What `source.batch_start` reports of a fetched batch.
 *
 * @example
 * emit('source.batch_start', () => batchInfo(payload.batch));
 */
export function batchInfo(batch: Batch): BatchStartInfo {
  return {
    topic: batch.topic,
    partition: batch.partition,
    size: batch.messages.length,
    firstOffset: batch.firstOffset() ?? batch.lastOffset(),
    lastOffset: batch.lastOffset(),
    lag: batch.offsetLag(),
  };
}
