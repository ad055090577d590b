/** An abort signal fired by SIGINT or SIGTERM, and how to stop listening. */
export interface ShutdownSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Turns the first SIGINT/SIGTERM into an abort, so a command stops reading, finishes what it holds and
 * exits on its own; a second signal exits at once with 130, as a user pressing Ctrl-C twice expects.
 *
 * @example
 * const shutdown = onShutdown();
 * try { await produce(producer, events, { signal: shutdown.signal }); } finally { shutdown.dispose(); }
 */
export function onShutdown(): ShutdownSignal {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
