import { ProgressDisplay } from '../generate/progress.js';

/**
 * Counts items on a progress line (stderr, drawn only on a terminal) as they pass through.
 *
 * @example
 * for await (const event of counted(generator.stream({ count: 1000 }), { total: 1000 })) send(event);
 */
export async function* counted<T>(
  items: Iterable<T> | AsyncIterable<T>,
  options: { readonly total?: number | undefined; readonly label?: string } = {},
): AsyncGenerator<T, void, undefined> {
  const progress = new ProgressDisplay({
    ...(options.total === undefined ? {} : { total: options.total }),
    ...(options.label === undefined ? {} : { label: options.label }),
  });
  try {
    for await (const item of items) {
      yield item;
      progress.tick();
    }
  } finally {
    progress.finish();
  }
}
