import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { BatchWriter, SourceBatch } from '../sink/source.js';
import { KafkaSourceCrashedError, KafkaSourceStopTimeoutError } from './errors.js';
import { batchInfo, toCommitted, toRecord } from './from-kafkajs.js';
import { awaitWithHeartbeats, HALTED } from './heartbeat-wait.js';
import type { EmitSourceEvent } from './instrumentation-events.js';
import { lineageHead } from './lineage.js';
import { OffsetCommitter } from './offset-committer.js';
import { PartitionOffsets, type TopicPartition } from './partition-offsets.js';
import { PartitionPauser } from './partition-pauser.js';
import { resumePoint } from './resume-point.js';
import { listenToRun } from './run-listeners.js';
import type { ResolvedSourceOptions } from './source-options.js';

export interface SourceRunParts {
  readonly options: ResolvedSourceOptions;
  readonly consumer: Consumer;
  readonly sink: BatchWriter;
  readonly emit: EmitSourceEvent;
}

/**
 * One run of a {@link KafkaSource}: joins the group, hands each fetched batch to the sink in slices,
 * commits offsets once the sink acks them, pauses fetching under the sink's pressure, and stops
 * gracefully (stop fetching, finish the batch in hand, flush, commit, leave) within a deadline.
 */
export class SourceRun {
  readonly #options: ResolvedSourceOptions;
  readonly #consumer: Consumer;
  readonly #sink: BatchWriter;
  readonly #emit: EmitSourceEvent;
  readonly #offsets = new PartitionOffsets();
  readonly #committer: OffsetCommitter;
  readonly #pauser: PartitionPauser;
  /** Aborted when the stop deadline passes: handlers stop waiting on the sink. */
  readonly #halt = new AbortController();
  readonly #stopRequested: Promise<void>;
  #requestStop: () => void = () => {};
  /** True between a join and a crash or stop: commits can only land meanwhile. */
  #inGroup = false;
  #stopping = false;
  #failure: unknown;
  #activeHandlers = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(parts: SourceRunParts) {
    this.#options = parts.options;
    this.#consumer = parts.consumer;
    this.#sink = parts.sink;
    this.#emit = parts.emit;
    this.#stopRequested = new Promise((resolve) => {
      this.#requestStop = resolve;
    });
    this.#pauser = new PartitionPauser(this.#consumer, () => this.#offsets.assigned(), this.#emit);
    this.#committer = new OffsetCommitter({
      offsets: this.#offsets,
      commit: (offsets) => this.#consumer.commitOffsets(offsets.map(toCommitted)),
      canCommit: () => this.#inGroup,
      onCommitted: (offsets) => this.#emit('source.commit', () => ({ offsets: offsets.map(toCommitted) })),
      onError: (offsets, error) =>
        this.#emit('source.commit_error', () => ({ offsets: offsets.map(toCommitted), error })),
    });
  }

  /** Stop gracefully; `execute` resolves once done. */
  requestStop(): void {
    // Set at once, so the batch in hand writes no further slice even before the shutdown starts.
    this.#stopping = true;
    this.#requestStop();
  }

  /** Run until stopped, aborted or failed; rejects with the failure, if any. */
  async execute(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const stopListening = this.#listen(signal);
    try {
      try {
        await this.#consumer.connect();
        await this.#consumer.subscribe({
          topics: [...this.#options.topics],
          fromBeginning: this.#options.fromBeginning,
        });
        await this.#consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.#eachBatch(payload),
        });
      } catch (error) {
        this.#fail(error);
      }
      await this.#stopRequested;
      await this.#shutdown();
    } finally {
      stopListening();
    }
    if (this.#failure !== undefined) throw this.#failure;
  }

  #listen(signal: AbortSignal | undefined): () => void {
    return listenToRun({
      consumer: this.#consumer,
      sink: this.#sink,
      signal,
      processSignals: this.#options.signals,
      onJoin: (memberId, assignment) => this.#onJoin(memberId, assignment),
      onCrash: (error, restart) => this.#onCrash(error, restart),
      onStop: () => this.requestStop(),
      onPressure: (active) => (active ? this.#pauser.pause('pressure') : this.#pauser.resume('pressure')),
      onFailure: (error) => this.#fail(error),
    });
  }

  #onJoin(memberId: string, assignment: Readonly<Record<string, readonly number[]>>): void {
    const change = this.#offsets.assign(memberId, assignment);
    this.#inGroup = true;
    this.#pauser.assigned();
    this.#emit('source.rebalance', () => ({
      memberId,
      assigned: change.assigned,
      revoked: change.revoked,
      kept: change.kept,
      droppedBatches: change.droppedBatches,
      droppedOffsets: change.droppedOffsets.map(toCommitted),
    }));
    // Offsets of kept partitions that failed to commit during the rebalance go out with the new generation;
    // a turn later, because kafkajs emits the join before its runner counts as running, and until then
    // its commitOffsets silently does nothing.
    setImmediate(() => this.#committer.schedule());
  }

  #onCrash(error: unknown, restart: boolean): void {
    // kafkajs left the group before reporting the crash: whatever was not committed is redelivered.
    this.#inGroup = false;
    this.#pauser.left();
    this.#offsets.revokeAll();
    this.#emit('source.crash', () => ({ error, restart }));
    if (!restart) this.#fail(new KafkaSourceCrashedError(error));
  }

  async #eachBatch(payload: EachBatchPayload): Promise<void> {
    if (this.#stopping || this.#failure !== undefined) return;
    const { batch } = payload;
    const partition = { topic: batch.topic, partition: batch.partition };
    const epoch = this.#offsets.epochOf(partition);
    if (epoch === undefined) return;
    this.#activeHandlers += 1;
    const started = performance.now();
    const info = batchInfo(batch);
    this.#emit('source.batch_start', () => info);
    let written = 0;
    let skipped = 0;
    try {
      let messages = batch.messages;
      const through = await this.#resumePoint(payload, partition);
      if (through === HALTED) return;
      if (through !== undefined) {
        const next = through + 1n;
        const remaining = messages.filter((message) => BigInt(message.offset) >= next);
        skipped = messages.length - remaining.length;
        if (this.#offsets.skipped(partition, epoch, next)) this.#committer.schedule();
        if (remaining.length === 0) {
          // RAW holds this whole batch and maybe more: jump past all of it rather than fetch it again.
          this.#consumer.seek({ ...partition, offset: next.toString() });
          return;
        }
        payload.resolveOffset(through.toString());
        messages = remaining;
      }
      written = await this.#writeMessages(payload, partition, epoch, messages);
    } finally {
      this.#activeHandlers -= 1;
      if (this.#activeHandlers === 0) this.#wakeIdle();
      this.#emit('source.batch_end', () => ({
        ...info,
        written,
        skipped,
        durationMs: performance.now() - started,
      }));
    }
  }

  /** Slices written in order; resolves with the records written before a stop, revoke or failure. */
  async #writeMessages(
    payload: EachBatchPayload,
    partition: TopicPartition,
    epoch: number,
    messages: readonly KafkaMessage[],
  ): Promise<number> {
    const { maxRecordsPerWrite, heartbeatIntervalMs } = this.#options;
    let written = 0;
    for (let start = 0; start < messages.length; start += maxRecordsPerWrite) {
      const slice = messages.slice(start, start + maxRecordsPerWrite);
      const last = slice[slice.length - 1];
      if (last === undefined || !this.#mayContinue(payload, partition, epoch)) break;
      const ticket = this.#offsets.written(partition) ?? epoch;
      const next = BigInt(last.offset) + 1n;
      const head = lineageHead(partition.topic, partition.partition);
      const batch: SourceBatch = {
        records: slice.map((message) => toRecord(head, partition, message)),
        ack: async () => {
          if (this.#offsets.acked(partition, ticket, next)) this.#committer.schedule();
        },
      };
      const accepted = this.#sink.write(batch).then(
        () => true,
        (error: unknown) => {
          this.#fail(error);
          return false;
        },
      );
      const outcome = await awaitWithHeartbeats(
        accepted,
        payload.heartbeat,
        heartbeatIntervalMs,
        this.#halt.signal,
      );
      if (outcome !== true) break;
      // Only now may kafkajs fetch past it; nothing is committed before the sink acks.
      payload.resolveOffset(last.offset);
      written += slice.length;
      await payload.heartbeat();
    }
    return written;
  }

  #mayContinue(payload: EachBatchPayload, partition: TopicPartition, epoch: number): boolean {
    return (
      !this.#stopping &&
      this.#failure === undefined &&
      payload.isRunning() &&
      !payload.isStale() &&
      this.#offsets.epochOf(partition) === epoch
    );
  }

  /** Where RAW says this ownership may resume (see {@link resumePoint}), checked once per ownership. */
  #resumePoint(
    payload: EachBatchPayload,
    partition: TopicPartition,
  ): Promise<bigint | undefined | typeof HALTED> {
    const resume = this.#options.resumeFromWarehouse;
    // An empty batch leaves the check for the first batch with a record in it.
    const empty = payload.batch.messages.length === 0;
    if (resume === undefined || empty || !this.#offsets.takeResumeCheck(partition)) {
      return Promise.resolve(undefined);
    }
    const { heartbeatIntervalMs } = this.#options;
    return resumePoint(payload, partition, {
      resume,
      heartbeatIntervalMs,
      halt: this.#halt.signal,
      emit: this.#emit,
    });
  }

  async #shutdown(): Promise<void> {
    this.#stopping = true;
    this.#pauser.pause('stopping');
    const deadlineMs = this.#options.shutdownDeadlineMs;
    let stage = 'finishing the batch in hand';
    const drain = async () => {
      await this.#whenIdle();
      stage = 'flushing the sink';
      await this.#sink.flush().catch((error: unknown) => this.#fail(error));
      stage = 'committing offsets';
      await this.#committer.drain().catch((error: unknown) => this.#fail(error));
    };
    if (!(await withinDeadline(drain(), deadlineMs))) {
      this.#fail(new KafkaSourceStopTimeoutError(deadlineMs, stage));
      this.#halt.abort();
    }
    this.#inGroup = false;
    this.#committer.stop();
    this.#pauser.left();
    const disconnect = this.#consumer.disconnect().catch((error: unknown) => this.#fail(error));
    if (!(await withinDeadline(disconnect, deadlineMs))) {
      this.#fail(new KafkaSourceStopTimeoutError(deadlineMs, 'leaving the group'));
    }
  }

  #fail(error: unknown): void {
    if (this.#failure === undefined) this.#failure = error;
    this.requestStop();
  }

  #whenIdle(): Promise<void> {
    if (this.#activeHandlers === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #wakeIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** Resolves true if `work` settled within `ms`, false otherwise (the work goes on unobserved). */
async function withinDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}
