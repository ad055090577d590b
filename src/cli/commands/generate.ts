import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type FaultOptions, injectFaults, serializeFaultyItem } from '../../generate/faults.js';
import { createGenerator } from '../../generate/generator.js';
import { toReadable } from '../../generate/to-readable.js';
import { cliDomain } from '../domains.js';
import {
  domainOption,
  durationOption,
  rateOption,
  seedOption,
  startOption,
  wholeNumber,
} from '../options.js';
import { counted } from '../progress.js';
import { action, type ExitCode } from '../run.js';
import { onShutdown } from '../signals.js';

export interface GenerateOptions {
  readonly domain: string;
  readonly count?: number;
  readonly duration?: number;
  readonly seed?: number;
  readonly rate?: number;
  readonly faults?: FaultOptions;
  readonly start?: string;
  readonly out?: string;
}

const FAULT_KEYS: Readonly<Record<string, keyof FaultOptions>> = {
  duplicate: 'duplicateRate',
  late: 'lateRate',
  malformed: 'malformedRate',
};
const DEFAULT_COUNT = 1000;

/**
 * `eventflake generate`: seeded events as NDJSON, one envelope per line, with optional faults.
 *
 * @example
 * eventflake generate --domain wine-shop --count 1000 --seed 42 --faults duplicate=0.01 > events.ndjson
 */
export function generateCommand(): Command {
  return new Command('generate')
    .description('write seeded business events as NDJSON (one envelope per line) to stdout or a file')
    .addOption(domainOption())
    .addOption(
      new Option(
        '--count <n>',
        `events to write (default: ${DEFAULT_COUNT}, unbounded with --duration)`,
      ).argParser(wholeNumber(0)),
    )
    .addOption(durationOption())
    .addOption(seedOption())
    .addOption(rateOption())
    .addOption(
      new Option(
        '--faults <spec>',
        'inject faults a pipeline must catch, as kind=probability: duplicate=0.01,malformed=0.005,late=0.02',
      ).argParser(parseFaults),
    )
    .addOption(startOption())
    .option('--out <file>', 'write to this file instead of stdout')
    .action(action(runGenerate));
}

/** Runs `generate`; resolves with the exit code. */
export async function runGenerate(options: GenerateOptions): Promise<ExitCode> {
  const generator = createGenerator(cliDomain(options.domain).generator, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.start === undefined ? {} : { startTime: options.start }),
  });
  const count = options.count ?? (options.duration === undefined ? DEFAULT_COUNT : undefined);
  const shutdown = onShutdown();
  try {
    const events = generator.stream({
      signal: shutdown.signal,
      ...(count === undefined ? {} : { count }),
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      ...(options.duration === undefined ? {} : { durationMs: options.duration * 1000 }),
    });
    // Without --faults every rate is 0: one path, and the items are the events unchanged.
    const items = injectFaults(events, { ...options.faults, seed: generator.seed });
    const text = toReadable(counted(items, { total: count }), {
      ndjson: true,
      serialize: serializeFaultyItem,
    });
    await write(text, options.out);
    const { sourceEvents, duplicate, late, malformed } = items.stats;
    const faults =
      options.faults === undefined ? '' : `; ${duplicate} duplicate, ${late} late, ${malformed} malformed`;
    process.stderr.write(
      `generated ${sourceEvents} ${options.domain} events (seed ${generator.seed})${faults}${options.out === undefined ? '' : ` into ${options.out}`}\n`,
    );
    return 0;
  } finally {
    shutdown.dispose();
  }
}

async function write(text: NodeJS.ReadableStream, out: string | undefined): Promise<void> {
  if (out !== undefined) {
    await pipeline(text, createWriteStream(out));
    return;
  }
  try {
    await pipeline(text, process.stdout as Writable, { end: false });
  } catch (error) {
    // `eventflake generate | head` closes the pipe early: the reader has what it wanted.
    if (!(error instanceof Error && 'code' in error && error.code === 'EPIPE')) throw error;
  }
}

function parseFaults(text: string): FaultOptions {
  const faults: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [kind = '', rate = ''] = part.split('=').map((s) => s.trim());
    const key = FAULT_KEYS[kind];
    const value = Number(rate);
    if (key === undefined || rate === '' || !(value >= 0 && value <= 1)) {
      throw new InvalidArgumentError(
        `Expected kind=probability pairs (kinds: ${Object.keys(FAULT_KEYS).join(', ')}; probability 0 to 1).`,
      );
    }
    faults[key] = value;
  }
  return faults;
}
