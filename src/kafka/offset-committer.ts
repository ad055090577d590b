import { backoff } from '../retry/create-retry.js';
import { KafkaCommitError } from './errors.js';
import type { DueOffset, PartitionOffsets } from './partition-offsets.js';

export interface OffsetCommitterOptions {
  readonly offsets: PartitionOffsets;
  /** Sends one offset commit to the group coordinator. */
  readonly commit: (offsets: readonly DueOffset[]) => Promise<void>;
  /** False while no commit can land, e.g. between a crash and the next join. */
  readonly canCommit: () => boolean;
  readonly onCommitted: (offsets: readonly DueOffset[]) => void;
  readonly onError: (offsets: readonly DueOffset[], error: KafkaCommitError) => void;
}

/**
 * After a failed commit, try again 1 s later if nothing else did, doubling on each failure in a row up to
 * 30 s. Without jitter: one timer per member, armed only after a failure, is little load on the coordinator.
 */
const RETRY_BACKOFF = { minDelayMs: 1_000, maxDelayMs: 30_000, factor: 2, jitter: 0 };

/**
 * Commits durable offsets, one commit at a time, folding every ack that arrives during a commit into
 * the next one: the sink acks batch by batch, and a round trip per batch would hold the acks back.
 * A failed commit leaves the offsets due; the next ack, join or `drain` sends them again, and so does a
 * timer: at the idle end of a topic no ack comes, and the lag would stay up until the next event.
 *
 * @example
 * const committer = new OffsetCommitter({ offsets, commit: (o) => consumer.commitOffsets(toKafka(o)), ... });
 * offsets.acked(partition, epoch, 500n);
 * committer.schedule();
 * await committer.drain(); // before leaving the group
 */
export class OffsetCommitter {
  readonly #options: OffsetCommitterOptions;
  #running: Promise<void> | undefined;
  #again = false;
  /** Failed commits in a row, for the retry's backoff. */
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OffsetCommitterOptions) {
    this.#options = options;
  }

  /** Commit what is due now, or right after the commit in flight. */
  schedule(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /**
   * Wait for the commit in flight, then commit what is still due. Rejects with {@link KafkaCommitError}
   * if offsets remain uncommitted.
   */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    const { offsets, canCommit } = this.#options;
    if (!canCommit() && offsets.toCommit().length > 0) {
      throw new KafkaCommitError(new Error('the consumer is not a member of the group'));
    }
    const error = await this.#commitDue();
    if (error) throw error;
  }

  /** Cancel a pending retry, e.g. once the consumer left the group. */
  stop(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#commitDue();
    } while (this.#again);
  }

  /** Resolves with the failure, if any; never rejects. */
  async #commitDue(): Promise<KafkaCommitError | undefined> {
    const { offsets, commit, canCommit, onCommitted, onError } = this.#options;
    if (!canCommit()) return undefined;
    const due = offsets.toCommit();
    if (due.length === 0) return undefined;
    try {
      await commit(due);
    } catch (cause) {
      const error = new KafkaCommitError(cause);
      this.#failures += 1;
      this.#armRetry();
      onError(due, error);
      return error;
    }
    this.#failures = 0;
    offsets.committed(due);
    onCommitted(due);
    return undefined;
  }

  #armRetry(): void {
    if (this.#retryTimer !== undefined) return;
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = undefined;
        this.schedule();
      },
      backoff(RETRY_BACKOFF, this.#failures, 0),
    );
    // A retry alone must not keep a process alive that has nothing else to do.
    this.#retryTimer.unref?.();
  }
}
