/** Returned by {@link awaitWithHeartbeats} when `halt` aborted before the work settled. */
export const HALTED: unique symbol = Symbol('halted');

type Outcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'tick' | 'halted' };

/**
 * Await `work` while sending a heartbeat every `intervalMs`, so a write held back by the sink's
 * backpressure (or a slow warehouse lookup) does not get the member expelled from the group (kafkajs#708).
 * The heartbeats come from this wait, not a free-running timer: once the work settles they stop. A
 * heartbeat error (the group is rebalancing) rejects at once, leaving the work to finish in the background.
 *
 * @example
 * const result = await awaitWithHeartbeats(sink.write(batch), payload.heartbeat, 3_000, halt.signal);
 * if (result === HALTED) return; // the stop deadline passed
 */
export async function awaitWithHeartbeats<T>(
  work: Promise<T>,
  heartbeat: () => Promise<void>,
  intervalMs: number,
  halt: AbortSignal,
): Promise<T | typeof HALTED> {
  // Once we stop waiting (halted, or a heartbeat failed) a later rejection must not go unhandled.
  work.catch(() => undefined);
  for (;;) {
    const outcome = await nextOutcome(work, intervalMs, halt);
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'halted') return HALTED;
    await heartbeat();
  }
}

function nextOutcome<T>(work: Promise<T>, intervalMs: number, halt: AbortSignal): Promise<Outcome<T>> {
  if (halt.aborted) return Promise.resolve({ kind: 'halted' });
  return new Promise((resolve, reject) => {
    const onHalt = () => finish(() => resolve({ kind: 'halted' }));
    const timer = setTimeout(() => finish(() => resolve({ kind: 'tick' })), intervalMs);
    halt.addEventListener('abort', onHalt, { once: true });
    function finish(settle: () => void): void {
      clearTimeout(timer);
      halt.removeEventListener('abort', onHalt);
      settle();
    }
    work.then(
      (value) => finish(() => resolve({ kind: 'done', value })),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
