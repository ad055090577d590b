import type { BatchWriter, Source, SourceRecord } from '../../../src/sink/source.js';

/** The producer time of the record at `offset`: distinct per offset, as resume compares it. */
export const producedAt = (offset: number) => 1_763_892_900_000 + offset;

/**
 * Hands events to a sink with the lineage the Kafka source writes (topic, partition, offset, key, headers,
 * timestamp), partition after partition, offsets from 0, without a broker: Kafka cannot be reached from an
 * account's side either, and the resume query only reads that lineage back from RAW.
 *
 * @example
 * await new KafkaLikeSource('sales_events', [eventsOfPartition0, eventsOfPartition1], 200).run(sink);
 */
export class KafkaLikeSource implements Source {
  readonly #topic: string;
  readonly #partitions: readonly (readonly object[])[];
  readonly #batchSize: number;

  constructor(topic: string, partitions: readonly (readonly object[])[], batchSize: number) {
    this.#topic = topic;
    this.#partitions = partitions;
    this.#batchSize = batchSize;
  }

  async run(sink: BatchWriter): Promise<void> {
    for (const [partition, events] of this.#partitions.entries()) {
      for (let from = 0; from < events.length; from += this.#batchSize) {
        const records = events.slice(from, from + this.#batchSize).map(
          (event, i): SourceRecord => ({
            value: JSON.stringify(event),
            lineage: {
              topic: this.#topic,
              partition,
              offset: from + i,
              key: null,
              headers: {},
              timestamp: producedAt(from + i),
            },
          }),
        );
        await sink.write({ records, ack: async () => undefined });
      }
    }
    await sink.flush();
  }
}
