import { afterEach, describe, expect, it, vi } from 'vitest';
import { KafkaCommitError } from '../../../src/kafka/errors.js';
import { OffsetCommitter } from '../../../src/kafka/offset-committer.js';
import { type PartitionOffset, PartitionOffsets } from '../../../src/kafka/partition-offsets.js';

function plain(offsets: readonly PartitionOffset[] | undefined): PartitionOffset[] {
  return (offsets ?? []).map(({ topic, partition, offset }) => ({ topic, partition, offset }));
}

const p0 = { topic: 't', partition: 0 };
const p1 = { topic: 't', partition: 1 };

interface Call {
  readonly offsets: readonly PartitionOffset[];
  resolve(): void;
  reject(error: unknown): void;
}

function setup(canCommit = () => true) {
  const offsets = new PartitionOffsets();
  offsets.assign('m', { t: [0, 1] });
  const calls: Call[] = [];
  const committed: PartitionOffset[][] = [];
  const errors: KafkaCommitError[] = [];
  const committer = new OffsetCommitter({
    offsets,
    canCommit,
    commit: (due) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ offsets: due, resolve, reject });
      }),
    onCommitted: (due) => committed.push([...due]),
    onError: (_, error) => errors.push(error),
  });
  const ack = (partition: typeof p0, next: bigint) => {
    offsets.acked(partition, offsets.written(partition) ?? -1, next);
    committer.schedule();
  };
  return { offsets, calls, committed, errors, committer, ack };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OffsetCommitter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('folds the acks that arrive during a commit into one next commit', async () => {
    const { calls, committed, ack } = setup();
    ack(p0, 10n);
    await settle();
    ack(p0, 20n);
    ack(p1, 5n);
    ack(p0, 30n);
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]?.resolve();
    await settle();
    expect(calls).toHaveLength(2);
    expect(plain(calls[1]?.offsets)).toEqual([
      { ...p0, offset: 30n },
      { ...p1, offset: 5n },
    ]);
    calls[1]?.resolve();
    await settle();
    expect(committed.map(plain)).toEqual([[{ ...p0, offset: 10n }], plain(calls[1]?.offsets)]);
  });

  it('keeps failed offsets due and reports the failure; the next ack sends them again', async () => {
    const { calls, errors, ack, offsets } = setup();
    ack(p0, 10n);
    await settle();
    calls[0]?.reject(new Error('REBALANCE_IN_PROGRESS'));
    await settle();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('ERR_KAFKA_COMMIT');
    expect(plain(offsets.toCommit())).toEqual([{ ...p0, offset: 10n }]);
    ack(p1, 1n);
    await settle();
    expect(plain(calls[1]?.offsets)).toEqual([
      { ...p0, offset: 10n },
      { ...p1, offset: 1n },
    ]);
  });

  it('retries a failed commit on a timer when no ack comes, backing off, and stops retrying once it lands', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { calls, committed, ack } = setup();
    ack(p0, 10n);
    await vi.advanceTimersByTimeAsync(0);
    calls[0]?.reject(new Error('NOT_COORDINATOR'));
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(plain(calls[1]?.offsets)).toEqual([{ ...p0, offset: 10n }]);
    calls[1]?.reject(new Error('NOT_COORDINATOR'));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    calls[2]?.resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(3);
    expect(committed.map(plain)).toEqual([[{ ...p0, offset: 10n }]]);
  });

  it('drain waits for the commit in flight, commits the rest, and rejects when offsets stay uncommitted', async () => {
    const { calls, ack, committer } = setup();
    ack(p0, 10n);
    await settle();
    ack(p0, 11n);
    const drained = committer.drain();
    calls[0]?.resolve();
    await settle();
    calls[1]?.resolve();
    await settle();
    expect(plain(calls[1]?.offsets)).toEqual([{ ...p0, offset: 11n }]);
    await expect(drained).resolves.toBeUndefined();

    ack(p1, 3n);
    await settle();
    calls[2]?.reject(new Error('coordinator gone'));
    const failing = committer.drain();
    await settle();
    calls[3]?.reject(new Error('coordinator gone'));
    await expect(failing).rejects.toBeInstanceOf(KafkaCommitError);
  });

  it('sends nothing while the consumer is out of the group, and drain says so', async () => {
    const { calls, ack, committer } = setup(() => false);
    ack(p0, 10n);
    await settle();
    expect(calls).toHaveLength(0);
    await expect(committer.drain()).rejects.toThrow(/not a member of the group/);
  });
});
