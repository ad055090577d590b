import type { Consumer } from 'kafkajs';
import type { BatchSink } from '../sink/batch-sink.js';
import type { BatchWriter } from '../sink/source.js';

/** What the source listens to on a sink that has it, such as {@link BatchSink}. */
type SinkSignals = Pick<BatchSink, 'on' | 'off' | 'pressure'>;

/** Where a source run hears about its group, its sink and its stop, and what it does then. */
export interface RunListeners {
  readonly consumer: Consumer;
  readonly sink: BatchWriter;
  readonly signal: AbortSignal | undefined;
  /** Process signals that stop the run gracefully (the source's `signals` option). */
  readonly processSignals: readonly NodeJS.Signals[];
  readonly onJoin: (memberId: string, assignment: Readonly<Record<string, readonly number[]>>) => void;
  readonly onCrash: (error: unknown, restart: boolean) => void;
  readonly onStop: () => void;
  /** The sink's pressure turned on or off; called at once when it is on already. */
  readonly onPressure: (active: boolean) => void;
  /** A listener threw, or the sink failed: the run must stop with this error. */
  readonly onFailure: (error: unknown) => void;
}

/**
 * Subscribe a source run to kafkajs' join and crash events, the sink's pressure and failure, an abort
 * signal and process signals; returns the function that unsubscribes them all.
 *
 * @example
 * const stopListening = listenToRun({ consumer, sink, signal, processSignals: ['SIGTERM'], ... });
 * try { await run(); } finally { stopListening(); }
 */
export function listenToRun(parts: RunListeners): () => void {
  const { consumer, sink, signal, onStop, onFailure } = parts;
  // kafkajs emits synchronously from inside its join: a throw here must not reach it.
  const guard = (listener: () => void) => {
    try {
      listener();
    } catch (error) {
      onFailure(error);
    }
  };
  const { events } = consumer;
  const removers = [
    consumer.on(events.GROUP_JOIN, ({ payload }) =>
      guard(() => parts.onJoin(payload.memberId, payload.memberAssignment)),
    ),
    consumer.on(events.CRASH, ({ payload }) => guard(() => parts.onCrash(payload.error, payload.restart))),
  ];
  if (hasSignals(sink)) removers.push(...listenToSink(sink, parts));
  signal?.addEventListener('abort', onStop, { once: true });
  removers.push(() => signal?.removeEventListener('abort', onStop));
  for (const name of parts.processSignals) {
    process.once(name, onStop);
    removers.push(() => process.removeListener(name, onStop));
  }
  return () => {
    for (const remove of removers) remove();
  };
}

/** Follow the sink's pressure, and stop once it failed rather than at the next write. */
function listenToSink(sink: SinkSignals, parts: RunListeners): (() => void)[] {
  const onPressure = ({ active }: { active: boolean }) => parts.onPressure(active);
  const onError = (error: { code: string }) => {
    if (error.code === 'ERR_SINK_FAILED') parts.onFailure(error);
  };
  sink.on('pressure', onPressure);
  sink.on('error', onError);
  if (sink.pressure) parts.onPressure(true);
  return [() => sink.off('pressure', onPressure), () => sink.off('error', onError)];
}

function hasSignals(sink: BatchWriter): sink is BatchWriter & SinkSignals {
  const candidate = sink as BatchWriter & Partial<SinkSignals>;
  return typeof candidate.on === 'function' && typeof candidate.off === 'function';
}
