/** One partition of one topic. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A partition and the next offset to read there: what Kafka stores as the group's committed offset. */
export interface PartitionOffset extends TopicPartition {
  readonly offset: bigint;
}

/** An offset due for commit, tagged with the ownership it was taken from. */
export interface DueOffset extends PartitionOffset {
  readonly epoch: number;
}

/** What a new group assignment changed, from this member's point of view. */
export interface AssignmentChange {
  /** Partitions this member did not own before. */
  readonly assigned: readonly TopicPartition[];
  /** Partitions it owned and lost: their acks still in the sink are ignored and nothing more is committed. */
  readonly revoked: readonly TopicPartition[];
  /** Partitions it owned and still owns: their pending acks still commit. */
  readonly kept: readonly TopicPartition[];
  /** Batches of revoked partitions written to the sink and not yet acknowledged. */
  readonly droppedBatches: number;
  /** Offsets of revoked partitions that were durable but not yet committed. */
  readonly droppedOffsets: readonly DueOffset[];
}

interface PartitionState {
  readonly partition: TopicPartition;
  /** Identifies this ownership: acks of batches written under an earlier one are ignored. */
  readonly epoch: number;
  /** Batches written to the sink and not acknowledged yet. */
  unacked: number;
  /** Everything before this offset is durable in RAW or in the dead-letter queue. */
  durable: bigint | undefined;
  /** The highest offset committed by this member. */
  committed: bigint | undefined;
  /** False until resume-from-warehouse has looked at this ownership's first batch. */
  resumeChecked: boolean;
}

/**
 * Which partitions this member owns, and per partition how far events are durable and committed.
 * kafkajs has no revoke hook, so ownership follows each GROUP_JOIN's `memberAssignment`: a partition
 * missing from it (or every partition, when the member id changed because the group expelled us) is
 * revoked, and its pending acks are dropped rather than committed. Offsets only move forward, so a
 * redelivered batch acked after a later one never moves a commit back.
 *
 * @example
 * const offsets = new PartitionOffsets();
 * offsets.assign('member-1', { sales_events: [0, 1] });
 * const epoch = offsets.written({ topic: 'sales_events', partition: 0 });
 * offsets.acked({ topic: 'sales_events', partition: 0 }, epoch ?? 0, 500n);
 * offsets.toCommit(); // => [{ topic: 'sales_events', partition: 0, offset: 500n, epoch: 1 }]
 */
export class PartitionOffsets {
  readonly #states = new Map<string, PartitionState>();
  #memberId: string | undefined;
  #nextEpoch = 1;

  /** Apply a new assignment; `memberId` is the one the group gave in that join. */
  assign(memberId: string, assignment: Readonly<Record<string, readonly number[]>>): AssignmentChange {
    const sameMember = this.#memberId === memberId;
    this.#memberId = memberId;
    const wanted = new Map<string, TopicPartition>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) wanted.set(keyOf({ topic, partition }), { topic, partition });
    }
    const revoked: PartitionState[] = [];
    const kept: TopicPartition[] = [];
    for (const [key, state] of this.#states) {
      if (sameMember && wanted.has(key)) {
        kept.push(state.partition);
        // kafkajs restarts a kept partition from its committed offset: look at RAW again.
        state.resumeChecked = false;
      } else {
        revoked.push(state);
        this.#states.delete(key);
      }
    }
    const assigned: TopicPartition[] = [];
    for (const [key, partition] of wanted) {
      if (this.#states.has(key)) continue;
      this.#states.set(key, this.#newState(partition));
      assigned.push(partition);
    }
    return changeOf(assigned, revoked, kept);
  }

  /** Forget every partition, e.g. after the consumer crashed out of the group. */
  revokeAll(): AssignmentChange {
    const revoked = [...this.#states.values()];
    this.#states.clear();
    this.#memberId = undefined;
    return changeOf([], revoked, []);
  }

  /** Partitions owned now. */
  assigned(): TopicPartition[] {
    return [...this.#states.values()].map((state) => state.partition);
  }

  isAssigned(partition: TopicPartition): boolean {
    return this.#states.has(keyOf(partition));
  }

  /** A batch of `partition` is about to be written: returns the ownership epoch its ack must carry. */
  written(partition: TopicPartition): number | undefined {
    const state = this.#states.get(keyOf(partition));
    if (state === undefined) return undefined;
    state.unacked += 1;
    return state.epoch;
  }

  /**
   * The sink acknowledged a batch: everything before `next` is durable. Returns false when the ack
   * belongs to an ownership that ended, and is dropped.
   */
  acked(partition: TopicPartition, epoch: number, next: bigint): boolean {
    const state = this.#current(partition, epoch);
    if (state === undefined) return false;
    state.unacked = Math.max(0, state.unacked - 1);
    raiseDurable(state, next);
    return true;
  }

  /** Records before `next` are already durable (found in RAW): commit past them without writing them. */
  skipped(partition: TopicPartition, epoch: number, next: bigint): boolean {
    const state = this.#current(partition, epoch);
    if (state === undefined) return false;
    raiseDurable(state, next);
    return true;
  }

  /** Durable offsets of owned partitions that are ahead of what this member committed. */
  toCommit(): DueOffset[] {
    return [...this.#states.values()].flatMap(uncommitted);
  }

  /** These offsets were committed; those of an ownership that ended meanwhile are ignored. */
  committed(offsets: readonly DueOffset[]): void {
    for (const offset of offsets) {
      const state = this.#current(offset, offset.epoch);
      if (state !== undefined && (state.committed === undefined || offset.offset > state.committed)) {
        state.committed = offset.offset;
      }
    }
  }

  /** The epoch of the current ownership, or undefined when the partition is not owned. */
  epochOf(partition: TopicPartition): number | undefined {
    return this.#states.get(keyOf(partition))?.epoch;
  }

  /** True once per ownership: the first batch after an assignment is checked against RAW. */
  takeResumeCheck(partition: TopicPartition): boolean {
    const state = this.#states.get(keyOf(partition));
    if (state === undefined || state.resumeChecked) return false;
    state.resumeChecked = true;
    return true;
  }

  #current(partition: TopicPartition, epoch: number): PartitionState | undefined {
    const state = this.#states.get(keyOf(partition));
    return state?.epoch === epoch ? state : undefined;
  }

  #newState(partition: TopicPartition): PartitionState {
    const epoch = this.#nextEpoch;
    this.#nextEpoch += 1;
    return { partition, epoch, unacked: 0, durable: undefined, committed: undefined, resumeChecked: false };
  }
}

/**
 * A map key for a partition.
 *
 * @example
 * keyOf({ topic: 'sales_events', partition: 3 }); // => 'sales_events\u00003'
 */
export function keyOf({ topic, partition }: TopicPartition): string {
  // NUL cannot occur in a topic name, so no two partitions share a key.
  return `${topic}\u0000${partition}`;
}

/**
 * Partitions grouped by topic, in the shape kafkajs' pause and resume take.
 *
 * @example
 * byTopic([{ topic: 'a', partition: 0 }, { topic: 'a', partition: 2 }]); // => [{ topic: 'a', partitions: [0, 2] }]
 */
export function byTopic(partitions: readonly TopicPartition[]): { topic: string; partitions: number[] }[] {
  const grouped = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = grouped.get(topic) ?? [];
    list.push(partition);
    grouped.set(topic, list);
  }
  return [...grouped].map(([topic, list]) => ({ topic, partitions: list.sort((a, b) => a - b) }));
}

function raiseDurable(state: PartitionState, next: bigint): void {
  if (state.durable === undefined || next > state.durable) state.durable = next;
}

function changeOf(
  assigned: TopicPartition[],
  revoked: readonly PartitionState[],
  kept: TopicPartition[],
): AssignmentChange {
  return {
    assigned,
    revoked: revoked.map((state) => state.partition),
    kept,
    droppedBatches: revoked.reduce((sum, state) => sum + state.unacked, 0),
    droppedOffsets: revoked.flatMap(uncommitted),
  };
}

/** The durable offset of a partition when it is ahead of what was committed, as a one-item list. */
function uncommitted({ partition, epoch, durable, committed }: PartitionState): DueOffset[] {
  return durable !== undefined && (committed === undefined || durable > committed)
    ? [{ ...partition, offset: durable, epoch }]
    : [];
}
