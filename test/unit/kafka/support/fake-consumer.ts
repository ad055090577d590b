import type {
  Batch,
  Consumer,
  ConsumerRunConfig,
  EachBatchPayload,
  KafkaMessage,
  TopicPartitionOffset,
  TopicPartitionOffsetAndMetadata,
} from 'kafkajs';
import type { KafkaSourceOptions } from '../../../../src/kafka/source-options.js';

type Listener = (event: { payload: unknown }) => void;
type Partitions = { topic: string; partitions?: number[] }[];

/** What the source did to the consumer, in order. */
export type ConsumerCall =
  | { readonly kind: 'commit'; readonly offsets: readonly TopicPartitionOffsetAndMetadata[] }
  | { readonly kind: 'pause' | 'resume'; readonly partitions: Partitions }
  | { readonly kind: 'seek'; readonly offset: TopicPartitionOffset }
  | { readonly kind: 'disconnect' };

/**
 * A kafkajs consumer the test drives: it joins, crashes and delivers batches when told, and records
 * commits, pauses, seeks and the disconnect. Only the members the source uses exist.
 */
export class FakeConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  readonly calls: ConsumerCall[] = [];
  readonly resolved: string[] = [];
  heartbeats = 0;
  failCommits: Error | undefined;
  #listeners = new Map<string, Listener[]>();
  #eachBatch: ConsumerRunConfig['eachBatch'];
  #running = false;

  /** A kafka client whose consumer() is this fake. */
  get kafka(): KafkaSourceOptions['kafka'] {
    return { consumer: () => this as unknown as Consumer } as unknown as KafkaSourceOptions['kafka'];
  }

  commits(): TopicPartitionOffsetAndMetadata[][] {
    return this.calls.flatMap((call) => (call.kind === 'commit' ? [[...call.offsets]] : []));
  }

  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}

  async run(config: ConsumerRunConfig): Promise<void> {
    this.#eachBatch = config.eachBatch;
    this.#running = true;
  }

  on(name: string, listener: Listener): () => void {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener]);
    return () =>
      this.#listeners.set(
        name,
        (this.#listeners.get(name) ?? []).filter((l) => l !== listener),
      );
  }

  async commitOffsets(offsets: TopicPartitionOffsetAndMetadata[]): Promise<void> {
    if (this.failCommits) throw this.failCommits;
    this.calls.push({ kind: 'commit', offsets });
  }

  pause(partitions: Partitions): void {
    this.calls.push({ kind: 'pause', partitions });
  }

  resume(partitions: Partitions): void {
    this.calls.push({ kind: 'resume', partitions });
  }

  seek(offset: TopicPartitionOffset): void {
    this.calls.push({ kind: 'seek', offset });
  }

  async disconnect(): Promise<void> {
    this.#running = false;
    this.calls.push({ kind: 'disconnect' });
  }

  /** The group assigned `assignment` to member `memberId`. */
  join(memberId: string, assignment: Record<string, number[]>): void {
    this.#emit('consumer.group_join', { memberId, memberAssignment: assignment });
  }

  crash(error: Error, restart: boolean): void {
    this.#running = false;
    this.#emit('consumer.crash', { error, groupId: 'g', restart });
  }

  /** Hand one batch to the source, as kafkajs' runner would, and wait for its handler to return. */
  async deliver(
    topic: string,
    partition: number,
    firstOffset: number,
    values: readonly string[],
  ): Promise<void> {
    const handler = this.#eachBatch;
    if (!handler) throw new Error('run() was not called');
    const messages: KafkaMessage[] = values.map((value, i) => ({
      key: null,
      value: Buffer.from(value),
      timestamp: '1763892900000',
      attributes: 0,
      offset: String(firstOffset + i),
      headers: {},
    }));
    const lastOffset = String(firstOffset + values.length - 1);
    const batch = {
      topic,
      partition,
      highWatermark: String(firstOffset + values.length),
      messages,
      isEmpty: () => messages.length === 0,
      firstOffset: () => String(firstOffset),
      lastOffset: () => lastOffset,
      offsetLag: () => '0',
      offsetLagLow: () => '0',
    } as Batch;
    const payload = {
      batch,
      resolveOffset: (offset: string) => {
        this.resolved.push(`${topic}[${partition}]@${offset}`);
      },
      heartbeat: async () => {
        this.heartbeats += 1;
      },
      pause: () => () => {},
      commitOffsetsIfNecessary: async () => {},
      uncommittedOffsets: () => ({ topics: [] }),
      isRunning: () => this.#running,
      isStale: () => false,
    } as EachBatchPayload;
    await handler(payload);
  }

  #emit(name: string, payload: unknown): void {
    for (const listener of this.#listeners.get(name) ?? []) listener({ payload });
  }
}
