import type { KafkaCommitError } from './errors.js';
import type { ResumeAlertCode } from './resume-from-warehouse.js';

/** A partition with an offset as Kafka writes it: a decimal string. */
export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: last durable offset + 1. */
  readonly offset: string;
}

export interface SourcePartitions {
  readonly partitions: readonly { readonly topic: string; readonly partition: number }[];
}

export interface BatchStartInfo {
  readonly topic: string;
  readonly partition: number;
  /** Messages in the fetched batch. */
  readonly size: number;
  readonly firstOffset: string;
  readonly lastOffset: string;
  /** Messages behind the partition's high watermark after this batch. */
  readonly lag: string;
}

export interface BatchEndInfo extends BatchStartInfo {
  /** Records handed to the sink. */
  readonly written: number;
  /** Records skipped because RAW already holds them (resume from warehouse). */
  readonly skipped: number;
  readonly durationMs: number;
}

export interface CommitErrorInfo {
  readonly offsets: readonly CommittedOffset[];
  readonly error: KafkaCommitError;
}

export interface PauseInfo extends SourcePartitions {
  /** `pressure`: the sink is above its high-water mark; `stopping`: a graceful stop is under way. */
  readonly reason: 'pressure' | 'stopping';
}

export interface RebalanceInfo {
  readonly memberId: string;
  readonly assigned: SourcePartitions['partitions'];
  readonly revoked: SourcePartitions['partitions'];
  readonly kept: SourcePartitions['partitions'];
  /** Batches of revoked partitions still in the sink: their acks will not commit. */
  readonly droppedBatches: number;
  /** Durable offsets of revoked partitions left uncommitted; the new owner re-reads from the last commit. */
  readonly droppedOffsets: readonly CommittedOffset[];
}

export interface SeekInfo {
  readonly topic: string;
  readonly partition: number;
  /** Kafka's committed offset, where the partition was about to be read from. */
  readonly from: string;
  /** The first offset RAW does not hold. */
  readonly to: string;
}

export interface AlertInfo {
  readonly code: ResumeAlertCode;
  readonly topic: string;
  readonly partition: number;
  readonly message: string;
  /** The last offset of the run RAW holds, when it was read. */
  readonly storedThrough?: string;
  readonly highWatermark?: string;
  readonly error?: unknown;
}

export interface CrashInfo {
  readonly error: unknown;
  /** Whether kafkajs restarts the consumer by itself. */
  readonly restart: boolean;
}

/**
 * Instrumentation events of {@link KafkaSource}, named like kafkajs' (`source.batch_start`). Payloads
 * are built only when someone listens, and a throwing listener never disturbs the source. They carry
 * partitions, offsets and counts, never record contents.
 *
 * @example
 * source.on('source.rebalance', ({ revoked, droppedBatches }) => log.info({ revoked, droppedBatches }, 'rebalanced'));
 * source.on('source.alert', (alert) => pager.notify(alert.code, alert.message));
 */
export interface KafkaSourceEvents {
  'source.batch_start': (info: BatchStartInfo) => void;
  'source.batch_end': (info: BatchEndInfo) => void;
  'source.commit': (info: { readonly offsets: readonly CommittedOffset[] }) => void;
  'source.commit_error': (info: CommitErrorInfo) => void;
  'source.pause': (info: PauseInfo) => void;
  'source.resume': (info: PauseInfo) => void;
  'source.rebalance': (info: RebalanceInfo) => void;
  /** Resume from warehouse skipped records RAW already holds. */
  'source.seek': (info: SeekInfo) => void;
  /** RAW's offsets could not be trusted (recreated topic, KC#690) or read: Kafka's committed offset is used. */
  'source.alert': (info: AlertInfo) => void;
  'source.crash': (info: CrashInfo) => void;
}

export type KafkaSourceEventName = keyof KafkaSourceEvents;

/** The payload of an event. */
export type KafkaSourcePayload<K extends KafkaSourceEventName> = Parameters<KafkaSourceEvents[K]>[0];

/** Emits an event; the payload is built only when someone listens. */
export type EmitSourceEvent = <K extends KafkaSourceEventName>(
  name: K,
  payload: () => KafkaSourcePayload<K>,
) => void;
