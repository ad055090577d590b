/** One measured figure: how many items per second a body processed, best of a few timed rounds. */
export interface Figure {
  readonly name: string;
  readonly itemsPerSecond: number;
  readonly items: number;
  readonly seconds: number;
}

/**
 * Times `body(n)` (which must process `n` items) over `rounds` rounds after one warm-up round and
 * keeps the fastest, the figure least disturbed by whatever else the machine is doing.
 */
export async function measure(
  name: string,
  items: number,
  body: (n: number) => unknown | Promise<unknown>,
  rounds = 3,
): Promise<Figure> {
  await body(Math.max(1, Math.floor(items / 10)));
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    await body(items);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.min(best, seconds);
  }
  return { name, items, seconds: best, itemsPerSecond: items / best };
}

/** Prints a figure with its ratio to the baseline measured in the same run, and the target if any. */
export function report(figure: Figure, baseline: Figure, target?: number): boolean {
  const ratio = figure.itemsPerSecond / baseline.itemsPerSecond;
  const meets = target === undefined || figure.itemsPerSecond >= target;
  const targetText = target === undefined ? '' : `  target ≥ ${format(target)}/s ${meets ? 'met' : 'MISSED'}`;
  console.log(
    `${figure.name.padEnd(48)} ${format(figure.itemsPerSecond).padStart(12)}/s  ×${ratio.toFixed(2)} of ${baseline.name}${targetText}`,
  );
  return meets;
}

export function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Resident memory now, in MB; sample it on a timer to find a peak. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}
