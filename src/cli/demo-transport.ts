import type { Kafka } from 'kafkajs';
import { KafkaProducer } from '../kafka/kafka-producer.js';
import { KafkaSource } from '../kafka/kafka-source.js';
import type { BatchSink } from '../sink/batch-sink.js';
import { InProcessSource } from '../sink/in-process-source.js';
import type { CliEnv } from './env.js';
import { kafkaClient } from './kafka-client.js';
import { counted } from './progress.js';

/** How the demo's records travel from the generator to the sink. */
export interface Transport {
  /** Shown at the start of the run, e.g. `Kafka (127.0.0.1:9092, topic …)`. */
  readonly description: string;
  /** Hands every record to `sink` and resolves once the sink has acknowledged all of them. */
  deliver(records: readonly string[], sink: BatchSink): Promise<void>;
}

/**
 * KAFKA_BROKERS set: a Kafka round trip on KAFKA_TOPIC, else on a fresh `eventflake-demo-<seed>-<time>`
 * topic so reruns never read each other's records. Unset: in-process, no broker.
 *
 * @example
 * const transport = chooseTransport(readCliEnv(process.env), process.env, 42);
 */
export function chooseTransport(cliEnv: CliEnv, env: NodeJS.ProcessEnv, seed: number): Transport {
  if (cliEnv.KAFKA_BROKERS === undefined) return inProcessTransport();
  const runId = `eventflake-demo-${seed}-${Date.now()}`;
  // readCliEnv fills in `sales_events` when unset: only a topic the user named is reused.
  const topic = env.KAFKA_TOPIC?.trim() ? cliEnv.KAFKA_TOPIC : runId;
  return kafkaTransport({
    kafka: kafkaClient(undefined, cliEnv),
    brokers: cliEnv.KAFKA_BROKERS,
    topic,
    groupId: runId,
  });
}

/**
 * Records fed straight into the sink from memory: the embedded default.
 *
 * @example
 * await inProcessTransport().deliver(records, sink);
 */
export function inProcessTransport(): Transport {
  return {
    description: 'in-process (no broker; set KAFKA_BROKERS to go through Kafka)',
    deliver: (records, sink) =>
      new InProcessSource(counted(records, { total: records.length }), { origin: 'run-local' }).run(sink),
  };
}

/**
 * Produces the records (malformed ones included, as a faulty producer would) to `topic`, then consumes
 * them with a KafkaSource of a fresh group until the sink has acknowledged as many as were produced,
 * and stops the source, which commits and leaves the group.
 *
 * @example
 * await kafkaTransport({ kafka, brokers: ['127.0.0.1:9092'], topic: 'demo', groupId: 'demo-1' }).deliver(records, sink);
 */
export function kafkaTransport(options: {
  readonly kafka: Kafka;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
}): Transport {
  const { kafka, topic, groupId } = options;
  return {
    description: `Kafka (${options.brokers.join(',')}, topic ${topic}, group ${groupId})`,
    async deliver(records, sink) {
      await produceRecords(kafka, topic, records);
      const source = new KafkaSource({
        kafka,
        groupId,
        topics: [topic],
        fromBeginning: true,
        // A graceful stop waits out the fetch in progress: short fetches keep the end of the run prompt.
        consumer: { maxWaitTimeInMs: 250 },
      });
      let acked = 0;
      let allAcked: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        allAcked = resolve;
      });
      const onAck = ({ records: n }: { readonly records: number }) => {
        acked += n;
        if (acked >= records.length) allAcked();
      };
      sink.on('ack', onAck);
      try {
        const running = source.run(sink);
        // A source that ends or fails before everything is acked settles the race instead.
        await Promise.race([done, running]);
        await source.stop();
        await running;
      } finally {
        sink.off('ack', onAck);
      }
    },
  };
}

async function produceRecords(kafka: Kafka, topic: string, records: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // False, not an error, when the topic already exists.
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const producer = new KafkaProducer({ kafka, topic });
  try {
    // Raw values rather than `send`: malformed payloads must reach the topic as they are.
    await producer.sendMessages(
      topic,
      records.map((value) => ({ key: null, value })),
    );
  } finally {
    await producer.disconnect();
  }
}
