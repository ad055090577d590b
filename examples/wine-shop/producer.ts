/**
 * Sends wine-shop events to Kafka, the same as `eventflake produce`: stream mode generates seeded
 * events at a rate until --count, --duration or Ctrl-C; replay mode (--replay file) sends a file's events.
 *
 *   npx tsx examples/wine-shop/producer.ts --brokers 127.0.0.1:9092 --rate 20 --count 1000 --seed 42
 *   npx tsx examples/wine-shop/producer.ts --replay test/fixtures/generate/orders_events.jsonl --rate 5
 *
 * Settings: --help, and KAFKA_BROKERS / KAFKA_TOPIC in .env.example.
 */
import { produceCommand } from '../../src/cli/commands/produce.js';
import { runCommand } from '../../src/cli/run.js';

await runCommand(produceCommand().name('producer.ts'), process.argv);
