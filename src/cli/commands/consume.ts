import { Command, Option } from 'commander';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { KafkaSource } from '../../kafka/kafka-source.js';
import { BatchSink } from '../../sink/batch-sink.js';
import { JsonlFileDeadLetterQueue } from '../../sink/jsonl-file-dead-letter-queue.js';
import { cliDomain } from '../domains.js';
import { readCliEnv } from '../env.js';
import { kafkaClient, parseTopics } from '../kafka-client.js';
import { type MetricsServer, serveMetrics } from '../metrics-server.js';
import { brokersOption, dbOption, domainOption, wholeNumber } from '../options.js';
import { action, type ExitCode } from '../run.js';
import { openRawTarget } from '../warehouse-target.js';

export interface ConsumeOptions {
  readonly brokers?: string[];
  readonly topic?: string[];
  readonly group?: string;
  readonly domain: string;
  readonly db?: string;
  readonly dlq?: string;
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  readonly fromLatest?: boolean;
}

/**
 * `eventflake consume`: Kafka → RAW until SIGINT/SIGTERM, which stop fetching, finish the batch in
 * hand, flush, commit and leave the group before the process exits. Offsets are committed only once
 * records are durable in RAW or the dead-letter file; RAW is read on each assignment to skip what
 * already landed. With --metrics-port, serves Prometheus metrics at /metrics.
 *
 * @example
 * eventflake consume --brokers 127.0.0.1:9092 --topic sales_events --db caves.duckdb --metrics-port 9464
 */
export function consumeCommand(): Command {
  return new Command('consume')
    .description(
      'read Kafka topics into RAW (a DuckDB file, or Snowflake from SNOWFLAKE_*) until SIGINT/SIGTERM',
    )
    .addOption(brokersOption())
    .addOption(
      new Option(
        '--topic <names>',
        'topics to read, comma-separated (default: $KAFKA_TOPIC, else sales_events)',
      ).argParser(parseTopics),
    )
    .option('--group <id>', 'consumer group (default: $KAFKA_GROUP_ID, else eventflake-raw-sink)')
    .addOption(domainOption())
    .addOption(
      dbOption('DuckDB file whose RAW receives the events; Snowflake from SNOWFLAKE_* when neither is set'),
    )
    .option(
      '--dlq <file>',
      'JSON Lines file for dead letters (default: $EVENTFLAKE_DLQ_PATH, else dead-letters.jsonl)',
    )
    .addOption(
      new Option(
        '--metrics-port <port>',
        'serve Prometheus metrics on this port, 0 for any free one (default: $EVENTFLAKE_METRICS_PORT)',
      ).argParser(wholeNumber(0, 65_535)),
    )
    .option(
      '--metrics-host <host>',
      'address the metrics endpoint binds (default: $EVENTFLAKE_METRICS_HOST, else 127.0.0.1)',
    )
    .option('--from-latest', 'a group with no committed offset starts at new records instead of the oldest')
    .action(action(runConsume));
}

/** Runs `consume` until a signal stops it; resolves with the exit code. */
export async function runConsume(options: ConsumeOptions): Promise<ExitCode> {
  const env = readCliEnv(process.env);
  const domain = cliDomain(options.domain);
  const kafka = kafkaClient(options.brokers, env);
  const topics = options.topic ?? [env.KAFKA_TOPIC];
  const target = await openRawTarget(options.db, env, domain.checks.spec);
  const dlqPath = options.dlq ?? env.EVENTFLAKE_DLQ_PATH ?? 'dead-letters.jsonl';
  const deadLetterQueue = new JsonlFileDeadLetterQueue({ path: dlqPath });
  const metricsRegistry = new Registry();
  let metrics: MetricsServer | undefined;
  try {
    const port = options.metricsPort ?? env.EVENTFLAKE_METRICS_PORT;
    if (port !== undefined) {
      collectDefaultMetrics({ register: metricsRegistry });
      metrics = await serveMetrics(metricsRegistry, {
        host: options.metricsHost ?? env.EVENTFLAKE_METRICS_HOST,
        port,
      });
    }
    const sink = new BatchSink({
      warehouse: target.warehouse,
      table: target.table,
      registry: domain.registry,
      deadLetterQueue,
      metricsRegistry,
    });
    const totals = { inserted: 0, skipped: 0, rejected: 0 };
    sink.on('flush', (info) => {
      totals.inserted += info.inserted;
      totals.skipped += info.skipped;
    });
    sink.on('dead_letter', () => {
      totals.rejected += 1;
    });
    const source = new KafkaSource({
      kafka,
      groupId: options.group ?? env.KAFKA_GROUP_ID,
      topics,
      fromBeginning: options.fromLatest !== true,
      resumeFromWarehouse: { warehouse: target.warehouse, table: target.table },
      signals: ['SIGINT', 'SIGTERM'],
    });
    source.on('source.alert', (alert) =>
      process.stderr.write(`eventflake: alert ${alert.code}: ${alert.message}\n`),
    );
    process.stdout.write(
      `consuming ${topics.join(', ')} into ${target.description}` +
        `${metrics === undefined ? '' : `; metrics at ${metrics.url}`}; SIGINT or SIGTERM stops\n`,
    );
    await source.run(sink);
    await sink.close();
    process.stdout.write(
      `stopped: ${totals.inserted} events landed in RAW, ${totals.skipped} already there, ${totals.rejected} dead letters (${dlqPath})\n`,
    );
    return 0;
  } finally {
    await metrics?.close();
    await deadLetterQueue.close();
    await target.close();
  }
}
