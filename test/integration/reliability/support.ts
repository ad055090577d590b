import type { Admin } from 'kafkajs';
import type { KafkaSource } from '../../../src/kafka/kafka-source.js';
import type { BatchWriter } from '../../../src/sink/source.js';
import { groupOffsets } from '../kafka/support.js';

/**
 * Polls the group's committed offsets (from the broker, not from a source's events) until every
 * partition reached `ends`; fails with what was committed once `timeoutMs` passed.
 */
export async function untilGroupCommitted(
  admin: Admin,
  groupId: string,
  topic: string,
  ends: Map<number, bigint>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = await groupOffsets(admin, groupId, topic).catch(() => new Map<number, bigint>());
    if ([...ends].every(([partition, end]) => (committed.get(partition) ?? -1n) >= end)) return;
    if (Date.now() > deadline) {
      throw new Error(`group committed ${[...committed].map(String)}, expected ${[...ends].map(String)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Runs `source` into `sink` until the group committed `ends` (read from the broker), then stops it
 * gracefully; fails at once if the source ends on its own first.
 */
export async function runUntilCommitted(
  source: KafkaSource,
  sink: BatchWriter,
  { admin, groupId, topic }: { admin: Admin; groupId: string; topic: string },
  ends: Map<number, bigint>,
  timeoutMs: number,
): Promise<void> {
  const running = source.run(sink);
  const endedEarly = running.then(() => {
    throw new Error('the source stopped before committing everything');
  });
  try {
    await Promise.race([untilGroupCommitted(admin, groupId, topic, ends, timeoutMs), endedEarly]);
  } finally {
    await source.stop();
    endedEarly.catch(() => undefined);
  }
  await running;
}
