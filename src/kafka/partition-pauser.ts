import type { Consumer } from 'kafkajs';
import type { EmitSourceEvent, PauseInfo } from './instrumentation-events.js';
import { byTopic, type TopicPartition } from './partition-offsets.js';

type PauseReason = PauseInfo['reason'];

/**
 * Pauses fetching from every owned partition while any reason holds (the sink's pressure, a stop under
 * way) and resumes once none does. kafkajs keeps a partition's paused state across rebalances, so each
 * new assignment is brought in line with the current reasons.
 *
 * @example
 * const pauser = new PartitionPauser(consumer, () => offsets.assigned(), emit);
 * sink.on('pressure', ({ active }) => (active ? pauser.pause('pressure') : pauser.resume('pressure')));
 */
export class PartitionPauser {
  readonly #consumer: Pick<Consumer, 'pause' | 'resume'>;
  readonly #assigned: () => TopicPartition[];
  readonly #emit: EmitSourceEvent;
  readonly #reasons = new Set<PauseReason>();
  /** kafkajs refuses pause/resume until the consumer has joined its group. */
  #joined = false;
  /** kafkajs keeps a pause across rebalances: true while one of ours may linger there. */
  #pausedInKafka = false;

  constructor(
    consumer: Pick<Consumer, 'pause' | 'resume'>,
    assigned: () => TopicPartition[],
    emit: EmitSourceEvent,
  ) {
    this.#consumer = consumer;
    this.#assigned = assigned;
    this.#emit = emit;
  }

  get paused(): boolean {
    return this.#reasons.size > 0;
  }

  pause(reason: PauseReason): void {
    const wasPaused = this.paused;
    this.#reasons.add(reason);
    if (!wasPaused) this.#apply('source.pause', reason);
  }

  resume(reason: PauseReason): void {
    if (!this.#reasons.delete(reason) || this.paused) return;
    this.#apply('source.resume', reason);
  }

  /** The group assigned partitions: pause or resume all of them to match the current reasons. */
  assigned(): void {
    this.#joined = true;
    const [reason] = this.#reasons;
    if (reason !== undefined) {
      this.#apply('source.pause', reason);
      return;
    }
    const partitions = byTopic(this.#assigned());
    // Clears a pause kafkajs kept from an earlier ownership of the same partitions.
    if (this.#pausedInKafka && partitions.length > 0) {
      this.#consumer.resume(partitions);
      this.#pausedInKafka = false;
    }
  }

  /** Left the group (crash, stop): nothing to pause until the next assignment. */
  left(): void {
    this.#joined = false;
  }

  #apply(event: 'source.pause' | 'source.resume', reason: PauseReason): void {
    const partitions = this.#assigned();
    if (!this.#joined || partitions.length === 0) return;
    const grouped = byTopic(partitions);
    this.#pausedInKafka = event === 'source.pause';
    if (this.#pausedInKafka) this.#consumer.pause(grouped);
    else this.#consumer.resume(grouped);
    this.#emit(event, () => ({ partitions, reason }));
  }
}
