import { Command, Option } from 'commander';
import { createGenerator } from '../../generate/generator.js';
import { ProgressDisplay } from '../../generate/progress.js';
import { replay } from '../../generate/replay/replay.js';
import { KafkaProducer } from '../../kafka/kafka-producer.js';
import { produce } from '../../kafka/produce.js';
import type { KeyField, ProducibleEvent } from '../../kafka/producer-options.js';
import { cliDomain } from '../domains.js';
import { readCliEnv } from '../env.js';
import { kafkaClient, parseTopics } from '../kafka-client.js';
import {
  brokersOption,
  domainOption,
  durationOption,
  rateOption,
  seedOption,
  startOption,
  wholeNumber,
} from '../options.js';
import { action, type ExitCode } from '../run.js';
import { onShutdown } from '../signals.js';

export interface ProduceCommandOptions {
  readonly brokers?: string[];
  readonly topic?: string[];
  readonly domain: string;
  readonly replay?: string;
  readonly count?: number;
  readonly duration?: number;
  readonly rate?: number;
  readonly seed?: number;
  readonly start?: string;
  readonly key: KeyField;
  readonly batchSize: number;
}

/**
 * `eventflake produce`: events into a Kafka topic at a rate. Stream mode generates seeded events until
 * --count, --duration or Ctrl-C; replay mode (--replay) sends a file's events (orders.csv from
 * export-seed, or envelopes as .jsonl/.ndjson). Ctrl-C stops drawing and still sends what was drawn.
 *
 * @example
 * eventflake produce --brokers 127.0.0.1:9092 --topic sales_events --rate 50 --count 10000 --seed 42
 * eventflake produce --replay data/seed/orders.csv --rate 10
 */
export function produceCommand(): Command {
  return new Command('produce')
    .description('send events to Kafka: generated (stream mode) or read from a file (--replay), at a rate')
    .addOption(brokersOption())
    .addOption(
      new Option('--topic <name>', 'topic to write to (default: $KAFKA_TOPIC, else sales_events)').argParser(
        parseTopics,
      ),
    )
    .addOption(domainOption())
    .option(
      '--replay <file>',
      'replay mode: send the events of this .csv (orders) or .jsonl/.ndjson (envelopes) file',
    )
    .addOption(
      new Option(
        '--count <n>',
        'send at most this many events (stream mode: until Ctrl-C when unset)',
      ).argParser(wholeNumber(0)),
    )
    .addOption(durationOption())
    .addOption(rateOption())
    .addOption(seedOption())
    .addOption(startOption())
    .addOption(
      new Option(
        '--key <field>',
        'envelope field that keys each message (same key, same partition, in order)',
      )
        .choices(['product_id', 'customer_id', 'event_id', 'event_type'])
        .default('product_id'),
    )
    .addOption(
      new Option('--batch-size <n>', 'events per produce request')
        .argParser(wholeNumber(1, 100_000))
        .default(500),
    )
    .action(action(runProduce));
}

/** Runs `produce`; resolves with the exit code. */
export async function runProduce(options: ProduceCommandOptions): Promise<ExitCode> {
  const env = readCliEnv(process.env);
  const topic = options.topic?.[0] ?? env.KAFKA_TOPIC;
  const producer = new KafkaProducer({ kafka: kafkaClient(options.brokers, env), topic, key: options.key });
  const { events, origin } = eventSource(options);
  const progress = new ProgressDisplay({
    label: 'sent',
    ...(options.count === undefined ? {} : { total: options.count }),
  });
  const shutdown = onShutdown();
  try {
    await producer.connect();
    const { sent } = await produce(producer, events, {
      signal: shutdown.signal,
      batchSize: options.batchSize,
      onSent: ({ sent }) => progress.tick(sent - progress.count),
      ...(options.count === undefined ? {} : { count: options.count }),
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      ...(options.duration === undefined ? {} : { durationMs: options.duration * 1000 }),
    });
    progress.finish();
    process.stdout.write(`sent ${sent} events to ${topic} (${origin})\n`);
    return 0;
  } finally {
    shutdown.dispose();
    await producer.disconnect();
  }
}

/** Replay mode reads the file unpaced: `produce` applies the rate, count and duration to either source. */
function eventSource(options: ProduceCommandOptions): {
  readonly events: Iterable<ProducibleEvent> | AsyncIterable<ProducibleEvent>;
  readonly origin: string;
} {
  const domain = cliDomain(options.domain);
  if (options.replay !== undefined) {
    return {
      events: replay(options.replay, { registry: domain.registry }),
      origin: `replay of ${options.replay}`,
    };
  }
  const generator = createGenerator(domain.generator, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.start === undefined ? {} : { startTime: options.start }),
  });
  return {
    events: generator as Iterable<ProducibleEvent>,
    origin: `${options.domain} stream, seed ${generator.seed}`,
  };
}
