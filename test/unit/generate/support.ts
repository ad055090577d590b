import type { PacingClock } from '../../../src/generate/index.js';

/** A pacing clock that only moves when slept on; records every sleep and every read. */
export interface ManualClock extends PacingClock {
  readonly sleeps: number[];
  readonly reads: { count: number };
  advance(ms: number): void;
}

export function manualClock(): ManualClock {
  let now = 0;
  const sleeps: number[] = [];
  const reads = { count: 0 };
  return {
    sleeps,
    reads,
    now: () => {
      reads.count++;
      return now;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Drain an async iterable into an array. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

export const FIXTURES = new URL('../../fixtures/generate/', import.meta.url).pathname;
