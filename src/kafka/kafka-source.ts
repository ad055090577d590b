import { EventEmitter } from 'eventemitter3';
import type { Kafka } from 'kafkajs';
import type { BatchWriter, Source } from '../sink/source.js';
import { KafkaSourceRunningError } from './errors.js';
import type {
  KafkaSourceEventName,
  KafkaSourceEvents,
  KafkaSourcePayload,
} from './instrumentation-events.js';
import {
  type KafkaSourceOptions,
  type ResolvedSourceOptions,
  resolveSourceOptions,
} from './source-options.js';
import { SourceRun } from './source-run.js';

/**
 * Reads Kafka topics as a consumer group and writes them into a sink, committing each partition's
 * offset only once the sink has made the records durable (in RAW or the dead-letter queue).
 *
 * - At-least-once, never lossy: an offset is committed after its records are durable, never before;
 *   redelivered records are absorbed by RAW's EVENT_ID idempotency.
 * - Rebalances: pending acks of a partition the group took away are dropped, not committed
 *   (kafkajs has no revoke hook; ownership follows each join's assignment). See docs/kafka.md.
 * - Backpressure: every owned partition is paused while the sink is above its high-water mark.
 * - Optional resume from the warehouse: records RAW already holds are skipped after a lost commit.
 * - `stop()` (or the abort signal, or an opt-in process signal) stops fetching, finishes the batch in
 *   hand, flushes the sink, commits and leaves the group, within `shutdownDeadlineMs`.
 *
 * @example
 * const source = new KafkaSource({
 *   kafka: new Kafka({ clientId: 'caves-albert', brokers: ['127.0.0.1:9092'] }),
 *   groupId: 'eventflake-raw',
 *   topics: ['sales_events'],
 *   resumeFromWarehouse: { warehouse },
 *   signals: ['SIGINT', 'SIGTERM'],
 * });
 * source.on('source.alert', (alert) => log.warn(alert, alert.message));
 * await source.run(sink); // until SIGINT/SIGTERM
 * await sink.close();
 */
export class KafkaSource extends EventEmitter<KafkaSourceEvents> implements Source {
  readonly #kafka: Pick<Kafka, 'consumer'>;
  readonly #options: ResolvedSourceOptions;
  #current: { readonly run: SourceRun; readonly done: Promise<void> } | undefined;

  constructor(options: KafkaSourceOptions) {
    super();
    this.#options = resolveSourceOptions(options);
    this.#kafka = options.kafka;
  }

  /** True while `run` has not finished. */
  get running(): boolean {
    return this.#current !== undefined;
  }

  /**
   * Consume into `sink` until stopped. Resolves once stopped with everything it wrote acknowledged and
   * committed; rejects with the sink's failure, {@link KafkaSourceCrashedError} or
   * {@link KafkaSourceStopTimeoutError}.
   *
   * @example
   * const controller = new AbortController();
   * const done = source.run(sink, { signal: controller.signal });
   * controller.abort(); // graceful stop
   * await done;
   */
  run(sink: BatchWriter, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    if (this.#current) return Promise.reject(new KafkaSourceRunningError());
    const { groupId, consumer } = this.#options;
    const run = new SourceRun({
      options: this.#options,
      consumer: this.#kafka.consumer({ ...consumer, groupId }),
      sink,
      emit: (name, payload) => this.#emit(name, payload),
    });
    const done = run.execute(options.signal).finally(() => {
      this.#current = undefined;
    });
    this.#current = { run, done };
    return done;
  }

  /**
   * Stop gracefully and wait for `run` to finish; resolves at once when not running. Rejects as `run` does.
   *
   * @example
   * process.once('SIGTERM', () => void source.stop().finally(() => process.exit()));
   */
  async stop(): Promise<void> {
    const current = this.#current;
    if (current === undefined) return;
    current.run.requestStop();
    await current.done;
  }

  #emit<K extends KafkaSourceEventName>(name: K, payload: () => KafkaSourcePayload<K>): void {
    if (this.listenerCount(name) === 0) return;
    try {
      // eventemitter3 cannot relate a generic K to its argument list; every source event takes one argument.
      (this.emit as (event: K, arg: KafkaSourcePayload<K>) => boolean)(name, payload());
    } catch {
      // A listener's failure is its own: the source must go on, and the library writes no logs.
    }
  }
}
