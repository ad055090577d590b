/**
 * The worker of floor (a3): decodes and matches each value of a batch against the registry fast path,
 * as floor (a2) does on the consumer's thread, and answers with how many values it read and how many matched.
 */
import { parentPort } from 'node:worker_threads';
import { fastPathOf } from '../../src/events/fast-path/fast-path.js';
import { wineShopRegistry } from '../../src/index.js';

/** One consumer batch: the values back to back, and where each ends. */
export interface FloorBatch {
  readonly bytes: ArrayBuffer;
  /** Int32 offsets, one per value. */
  readonly ends: ArrayBuffer;
}

/** What the worker says of one batch. */
export interface FloorAnswer {
  readonly values: number;
  readonly matched: number;
}

const fastPath = fastPathOf(wineShopRegistry);
const utf8 = new TextDecoder('utf-8', { fatal: true });

parentPort?.on('message', ({ bytes, ends }: FloorBatch) => {
  const all = new Uint8Array(bytes);
  let matched = 0;
  let start = 0;
  for (const end of new Int32Array(ends)) {
    if (fastPath?.match(utf8.decode(all.subarray(start, end)), true) !== undefined) matched += 1;
    start = end;
  }
  const answer: FloorAnswer = { values: new Int32Array(ends).length, matched };
  parentPort?.postMessage(answer);
});
