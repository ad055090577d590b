/**
 * Reads Kafka into RAW until Ctrl-C or SIGTERM (which finish the batch in hand, commit and leave the
 * group), the same as `eventflake consume`; --metrics-port serves Prometheus metrics at /metrics.
 *
 *   npx tsx examples/wine-shop/consumer.ts --brokers 127.0.0.1:9092 --db caves.duckdb --metrics-port 9464
 *   curl http://127.0.0.1:9464/metrics
 *
 * Without --db the events go to Snowflake (SNOWFLAKE_* variables). Settings: --help and .env.example.
 */
import { consumeCommand } from '../../src/cli/commands/consume.js';
import { runCommand } from '../../src/cli/run.js';

await runCommand(consumeCommand().name('consumer.ts'), process.argv);
