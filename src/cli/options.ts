import { InvalidArgumentError, Option } from 'commander';
import { MAX_SEED } from '../generate/options.js';
import { DOMAIN_NAMES } from './domains.js';
import { parseBrokers } from './kafka-client.js';

/**
 * Parsers and option builders shared by the commands. A parser throws commander's
 * InvalidArgumentError, so the message names the option: `option '--count <n>' argument 'x' is invalid.`
 */

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

/** A finite number greater than 0 (rates, durations). */
export function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError('Expected a number greater than 0.');
  }
  return value;
}

/** A share (probability) in [0, max]. */
export function shareUpTo(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !(value >= 0 && value <= max)) {
      throw new InvalidArgumentError(`Expected a share from 0 to ${max}.`);
    }
    return value;
  };
}

/** A comma-separated list of non-empty items. */
export function list(text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError('Expected a comma-separated list.');
  return items;
}

/** `--seed <n>`: fixes the stream; random (and printed) when left out unless `fallback` is given. */
export function seedOption(fallback?: number): Option {
  const option = new Option('--seed <n>', 'seed: the same seed and options give the same events').argParser(
    wholeNumber(0, MAX_SEED),
  );
  return fallback === undefined ? option : option.default(fallback);
}

/** `--domain <name>`: which business domain generates or validates events. */
export function domainOption(): Option {
  return new Option('--domain <name>', 'business domain').choices(DOMAIN_NAMES).default('wine-shop');
}

/** `--rate <n>`: events per second; unlimited when left out. */
export function rateOption(): Option {
  return new Option('--rate <n>', 'events per second (default: as fast as possible)').argParser(
    positiveNumber,
  );
}

/** `--duration <s>`: stop after this many seconds. */
export function durationOption(): Option {
  return new Option('--duration <s>', 'stop after this many seconds').argParser(positiveNumber);
}

/** `--brokers <list>`: Kafka bootstrap servers; KAFKA_BROKERS when left out. */
export function brokersOption(): Option {
  return new Option(
    '--brokers <list>',
    'Kafka bootstrap servers, host:port,… (default: $KAFKA_BROKERS)',
  ).argParser(parseBrokers);
}

/** `--db <file>`: a DuckDB database file. */
export function dbOption(description: string): Option {
  return new Option('--db <file>', `${description} (default: $EVENTFLAKE_DUCKDB_PATH)`);
}

/** `--start <time>`: simulated time of the first event. */
export function startOption(): Option {
  return new Option(
    '--start <time>',
    "simulated time of the first event, ISO 8601 with a zone (default: the domain's)",
  );
}
