/**
 * Runs async jobs one after another. A DuckDB connection (and its session temp tables) must not be
 * shared by two statements in flight, so adapters funnel every call through one of these.
 */
export function createSerialRunner(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
