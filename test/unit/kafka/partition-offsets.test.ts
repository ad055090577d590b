import { describe, expect, it } from 'vitest';
import { byTopic, type PartitionOffset, PartitionOffsets } from '../../../src/kafka/partition-offsets.js';

const p0 = { topic: 'sales_events', partition: 0 };
const p1 = { topic: 'sales_events', partition: 1 };
const p2 = { topic: 'sales_events', partition: 2 };

function owned(...partitions: number[]): PartitionOffsets {
  const offsets = new PartitionOffsets();
  offsets.assign('member-a', { sales_events: partitions });
  return offsets;
}

/** Offsets without the ownership tag, for comparison. */
function plain(offsets: readonly PartitionOffset[]): PartitionOffset[] {
  return offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
}

function write(offsets: PartitionOffsets, partition: typeof p0): number {
  const epoch = offsets.written(partition);
  if (epoch === undefined) throw new Error('partition not owned');
  return epoch;
}

describe('PartitionOffsets', () => {
  it('commits, per partition, the next offset after the last acked batch', () => {
    const offsets = owned(0, 1);
    const e0 = write(offsets, p0);
    const e1 = write(offsets, p1);
    expect(offsets.acked(p0, e0, 100n)).toBe(true);
    expect(offsets.acked(p1, e1, 7n)).toBe(true);
    expect(plain(offsets.toCommit())).toEqual([
      { ...p0, offset: 100n },
      { ...p1, offset: 7n },
    ]);
    offsets.committed(offsets.toCommit());
    expect(plain(offsets.toCommit())).toEqual([]);
  });

  it('never moves an offset back when a redelivered batch is acked after a later one', () => {
    const offsets = owned(0);
    const epoch = write(offsets, p0);
    write(offsets, p0);
    offsets.acked(p0, epoch, 500n);
    offsets.committed(offsets.toCommit());
    offsets.acked(p0, epoch, 300n);
    expect(plain(offsets.toCommit())).toEqual([]);
  });

  it('on a new assignment, drops the pending acks of revoked partitions and keeps the others', () => {
    const offsets = owned(0, 1, 2);
    const e0 = write(offsets, p0);
    write(offsets, p0);
    const e1 = write(offsets, p1);
    offsets.acked(p0, e0, 40n);

    const change = offsets.assign('member-a', { sales_events: [1, 2], other: [0] });

    expect(change.revoked).toEqual([p0]);
    expect(change.kept).toEqual([p1, p2]);
    expect(change.assigned).toEqual([{ topic: 'other', partition: 0 }]);
    expect(change.droppedBatches).toBe(1);
    expect(plain(change.droppedOffsets)).toEqual([{ ...p0, offset: 40n }]);
    // The ack of a batch written before the revoke arrives late: nothing to commit for p0.
    expect(offsets.acked(p0, e0, 80n)).toBe(false);
    expect(offsets.acked(p1, e1, 9n)).toBe(true);
    expect(plain(offsets.toCommit())).toEqual([{ ...p1, offset: 9n }]);
  });

  it('ignores acks from an earlier ownership when a partition comes back', () => {
    const offsets = owned(0);
    const before = write(offsets, p0);
    offsets.assign('member-a', { sales_events: [] });
    offsets.assign('member-a', { sales_events: [0] });
    expect(offsets.acked(p0, before, 10n)).toBe(false);
    expect(plain(offsets.toCommit())).toEqual([]);
    const now = write(offsets, p0);
    expect(now).not.toBe(before);
    expect(offsets.acked(p0, now, 10n)).toBe(true);
  });

  it('treats every partition as revoked when the group gave the member a new id', () => {
    const offsets = owned(0, 1);
    const e0 = write(offsets, p0);
    const change = offsets.assign('member-b', { sales_events: [0, 1] });
    expect(change.revoked).toEqual([p0, p1]);
    expect(change.assigned).toEqual([p0, p1]);
    expect(change.kept).toEqual([]);
    expect(offsets.acked(p0, e0, 5n)).toBe(false);
  });

  it('revokeAll forgets every partition and its durable offsets', () => {
    const offsets = owned(0);
    offsets.acked(p0, write(offsets, p0), 12n);
    const change = offsets.revokeAll();
    expect(plain(change.droppedOffsets)).toEqual([{ ...p0, offset: 12n }]);
    expect(offsets.assigned()).toEqual([]);
    expect(offsets.written(p0)).toBeUndefined();
  });

  it('records skipped offsets as durable without counting a batch', () => {
    const offsets = owned(0);
    const epoch = offsets.epochOf(p0) ?? -1;
    expect(offsets.skipped(p0, epoch, 1_000n)).toBe(true);
    expect(plain(offsets.toCommit())).toEqual([{ ...p0, offset: 1_000n }]);
    expect(offsets.assign('member-a', { sales_events: [] }).droppedBatches).toBe(0);
  });

  it('offers the resume check once per ownership, and again for a kept partition after a rejoin', () => {
    const offsets = owned(0);
    expect(offsets.takeResumeCheck(p0)).toBe(true);
    expect(offsets.takeResumeCheck(p0)).toBe(false);
    offsets.assign('member-a', { sales_events: [0] });
    expect(offsets.takeResumeCheck(p0)).toBe(true);
    expect(offsets.takeResumeCheck(p1)).toBe(false);
  });

  it('ignores commits of partitions revoked while the commit was in flight', () => {
    const offsets = owned(0);
    offsets.acked(p0, write(offsets, p0), 3n);
    const due = offsets.toCommit();
    offsets.assign('member-a', { sales_events: [] });
    offsets.assign('member-a', { sales_events: [0] });
    offsets.committed(due);
    offsets.skipped(p0, offsets.epochOf(p0) ?? -1, 2n);
    expect(plain(offsets.toCommit())).toEqual([{ ...p0, offset: 2n }]);
  });
});

describe('byTopic', () => {
  it('groups partitions by topic, sorted, as kafkajs pause and resume take them', () => {
    expect(byTopic([p2, { topic: 'b', partition: 1 }, p0])).toEqual([
      { topic: 'sales_events', partitions: [0, 2] },
      { topic: 'b', partitions: [1] },
    ]);
  });
});
