import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { DropshippingOrderEvent } from '../../events/dropshipping.js';
import { type PaceOptions, pace } from '../pacing.js';
import {
  type LineValidator,
  type LooseEnvelope,
  looseEnvelope,
  readEnvelopesJsonl,
} from './envelopes-jsonl.js';
import { readOrdersCsv } from './orders-csv.js';
import { type BadRowPolicy, ReplayError } from './replay-error.js';

/** Options shared by the replay readers. */
export interface ReplayOptions extends PaceOptions {
  /**
   * A bad row throws a {@link ReplayError} (`'throw'`), or is handed to this callback and skipped.
   * @default 'throw'
   */
  readonly onBadRow?: BadRowPolicy;
}

/** Options of {@link replayJsonl}. */
export interface JsonlReplayOptions<E> extends ReplayOptions {
  /** Validates each line, e.g. `wineShopRegistry`. @default a check of event_id, event_type, event_timestamp */
  readonly registry?: LineValidator<E>;
}

/**
 * Replay seed 002's orders.csv (`id,customer_id,product_id,quantity,unit_price,sold_at`) as
 * `order_created` envelopes at a chosen rate.
 *
 * @example
 * for await (const event of replayCsv('data/seed/orders.csv', { rate: 10 })) await send(event);
 */
export function replayCsv(
  file: string,
  options: ReplayOptions = {},
): AsyncGenerator<DropshippingOrderEvent, void, undefined> {
  const onBadRow = readPolicy(options.onBadRow);
  return pace(
    fromFile(file, (handle) => readOrdersCsv(file, handle, onBadRow)),
    options,
    'replay',
  );
}

/**
 * Replay a JSON Lines file of envelopes (seed 001's orders_events.jsonl) at a chosen rate.
 *
 * @example
 * for await (const event of replayJsonl('orders_events.jsonl', { registry: wineShopRegistry, rate: 100 })) send(event);
 */
export function replayJsonl(
  file: string,
  options?: ReplayOptions,
): AsyncGenerator<LooseEnvelope, void, undefined>;
export function replayJsonl<E>(
  file: string,
  options: JsonlReplayOptions<E> & { readonly registry: LineValidator<E> },
): AsyncGenerator<E, void, undefined>;
export function replayJsonl<E>(
  file: string,
  options: JsonlReplayOptions<E> = {},
): AsyncGenerator<E | LooseEnvelope, void, undefined> {
  const onBadRow = readPolicy(options.onBadRow);
  const validator: LineValidator<E | LooseEnvelope> = options.registry ?? looseEnvelope;
  return pace(
    fromFile(file, (handle) => readEnvelopesJsonl(file, handle, validator, onBadRow)),
    options,
    'replay',
  );
}

/**
 * Replay by extension: `.csv` → {@link replayCsv}, `.jsonl` / `.ndjson` → {@link replayJsonl}.
 *
 * @example
 * for await (const event of replay(process.argv[2], { rate: 5 })) console.log(event.event_id);
 */
export function replay<E = LooseEnvelope>(
  file: string,
  options: JsonlReplayOptions<E> = {},
): AsyncGenerator<DropshippingOrderEvent | E | LooseEnvelope, void, undefined> {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return replayCsv(file, options);
  if (extension === '.jsonl' || extension === '.ndjson') return replayJsonl(file, options);
  throw new ConfigError('replay.file', 'a path ending in .csv, .jsonl or .ndjson', file);
}

function readPolicy(value: unknown): BadRowPolicy {
  if (value === undefined) return 'throw';
  if (value === 'throw' || typeof value === 'function') return value as BadRowPolicy;
  throw new ConfigError('replay.onBadRow', "'throw' or a function receiving the ReplayError", value);
}

async function* fromFile<T>(file: string, read: (handle: FileHandle) => AsyncGenerator<T, void, undefined>) {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    throw new ReplayError('ERR_REPLAY_FILE', file, 0, `cannot open the file (${code})`, error);
  }
  try {
    yield* read(handle);
  } finally {
    await handle.close();
  }
}
