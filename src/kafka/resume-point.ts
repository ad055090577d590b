import type { EachBatchPayload } from 'kafkajs';
import { detailOf } from './errors.js';
import { awaitWithHeartbeats, HALTED } from './heartbeat-wait.js';
import type { EmitSourceEvent } from './instrumentation-events.js';
import type { TopicPartition } from './partition-offsets.js';
import {
  decideResume,
  type ResumeDecision,
  type ResumeFromWarehouseOptions,
  readStoredRun,
} from './resume-from-warehouse.js';

/** What {@link resumePoint} needs besides the batch. */
export interface ResumePointParts {
  readonly resume: ResumeFromWarehouseOptions;
  readonly heartbeatIntervalMs: number;
  /** Aborted when the stop deadline passes: the lookup is no longer waited for. */
  readonly halt: AbortSignal;
  readonly emit: EmitSourceEvent;
}

/**
 * For the first batch of an ownership: the last offset of the gap-free run RAW already holds from the
 * batch's first offset on, when it can be trusted; `undefined` to read everything (with a
 * `source.alert` saying why, when RAW's run could not be trusted). Heartbeats while the warehouse answers.
 *
 * @example
 * const through = await resumePoint(payload, { topic, partition }, parts);
 * if (through !== HALTED && through !== undefined) consumer.seek({ topic, partition, offset: String(through + 1n) });
 */
export async function resumePoint(
  payload: EachBatchPayload,
  partition: TopicPartition,
  parts: ResumePointParts,
): Promise<bigint | undefined | typeof HALTED> {
  const first = payload.batch.messages[0];
  if (first === undefined) return undefined;
  const { resume, heartbeatIntervalMs, halt, emit } = parts;
  const from = BigInt(first.offset);
  const highWatermark = BigInt(payload.batch.highWatermark);
  const lookup = readStoredRun(resume, partition, from).then(
    (run): ResumeDecision =>
      decideResume(run, { offset: from, timestamp: Number(first.timestamp) }, highWatermark),
    (error: unknown): ResumeDecision => ({ kind: 'alert', code: 'lookup_failed', error }),
  );
  const decision = await awaitWithHeartbeats(lookup, payload.heartbeat, heartbeatIntervalMs, halt);
  if (decision === HALTED) return HALTED;
  if (decision.kind === 'skip') {
    const to = (decision.through + 1n).toString();
    emit('source.seek', () => ({ ...partition, from: from.toString(), to }));
    return decision.through;
  }
  if (decision.kind === 'alert') {
    emit('source.alert', () => ({
      code: decision.code,
      ...partition,
      message: alertMessage(decision, partition, from, highWatermark),
      ...(decision.through === undefined ? {} : { storedThrough: decision.through.toString() }),
      highWatermark: highWatermark.toString(),
      ...(decision.error === undefined ? {} : { error: decision.error }),
    }));
  }
  return undefined;
}

function alertMessage(
  decision: Extract<ResumeDecision, { kind: 'alert' }>,
  { topic, partition }: TopicPartition,
  from: bigint,
  highWatermark: bigint,
): string {
  const where = `${topic}[${partition}]`;
  const trust = `reading from Kafka's committed offset ${from} instead`;
  switch (decision.code) {
    case 'beyond_high_watermark':
      return `RAW holds offsets of ${where} up to ${decision.through}, at or past the high watermark ${highWatermark}: the topic was probably recreated (KC#690); ${trust}`;
    case 'record_mismatch':
      return `The record RAW holds at ${where} offset ${from} has another timestamp than the one in Kafka: the topic was probably recreated (KC#690); ${trust}`;
    case 'lookup_failed':
      return `Reading ${where}'s offsets from RAW failed (${detailOf(decision.error)}); ${trust}`;
  }
}
