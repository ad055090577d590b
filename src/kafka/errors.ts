import { EventflakeError } from '../errors.js';

function detailOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * `run` was called on a source that is already running; one source drives one consumer.
 *
 * @example
 * void source.run(sink);
 * await source.run(sink); // rejects with KafkaSourceRunningError (ERR_KAFKA_SOURCE_RUNNING)
 */
export class KafkaSourceRunningError extends EventflakeError {
  constructor() {
    super('ERR_KAFKA_SOURCE_RUNNING', 'This KafkaSource is already running: create one source per run', {
      retriable: false,
    });
  }
}

/**
 * The kafkajs consumer crashed and will not restart by itself (a non-retriable error, or
 * `restartOnFailure` said no). Offsets not yet committed are redelivered to the next run.
 *
 * @example
 * await source.run(sink).catch((err) => { if (err.code === 'ERR_KAFKA_SOURCE_CRASHED') restartLater(); });
 */
export class KafkaSourceCrashedError extends EventflakeError {
  constructor(cause: unknown) {
    super('ERR_KAFKA_SOURCE_CRASHED', `The Kafka consumer crashed: ${detailOf(cause)}`, {
      cause,
      retriable: true,
    });
  }
}

/**
 * A graceful stop ran past its deadline: the consumer was disconnected without waiting for the rest, and
 * whatever was not committed is redelivered to the next owner of its partitions.
 *
 * @example
 * await source.stop().catch((err) => log.warn({ code: err.code }, err.message));
 */
export class KafkaSourceStopTimeoutError extends EventflakeError {
  readonly deadlineMs: number;

  constructor(deadlineMs: number, stage: string) {
    super(
      'ERR_KAFKA_STOP_TIMEOUT',
      `The Kafka source did not stop within ${deadlineMs} ms (still ${stage}); uncommitted records will be redelivered`,
      { retriable: true },
    );
    this.deadlineMs = deadlineMs;
  }
}

/**
 * Committing offsets to the group coordinator failed. The events are durable; the offsets stay pending
 * and go out with the next commit, or are dropped if the partition moved to another member.
 *
 * @example
 * source.on('source.commit_error', ({ error }) => metrics.commitFailures.inc({ code: error.code }));
 */
export class KafkaCommitError extends EventflakeError {
  constructor(cause: unknown) {
    super('ERR_KAFKA_COMMIT', `Committing offsets failed: ${detailOf(cause)}`, { cause, retriable: true });
  }
}

/**
 * The broker did not acknowledge a send; `retriable` follows kafkajs' verdict on the cause.
 *
 * @example
 * await producer.send(events).catch((err) => { if (err.retriable) retryLater(events); });
 */
export class KafkaProduceError extends EventflakeError {
  readonly messages: number;

  constructor(messages: number, cause: unknown) {
    const retriable = typeof cause === 'object' && cause !== null && 'retriable' in cause && cause.retriable;
    super('ERR_KAFKA_PRODUCE', `Sending ${messages} messages failed: ${detailOf(cause)}`, {
      cause,
      retriable: retriable === true,
    });
    this.messages = messages;
  }
}

/**
 * An event cannot be sent: it is not an object with a string `event_id` and `event_type`, or it cannot be
 * serialized to JSON. Nothing of the call was sent.
 *
 * @example
 * await producer.send([{ hello: 'world' }]); // rejects with UnsendableEventError (ERR_KAFKA_UNSENDABLE_EVENT)
 */
export class UnsendableEventError extends EventflakeError {
  readonly index: number;

  constructor(index: number, reason: string) {
    super('ERR_KAFKA_UNSENDABLE_EVENT', `Event ${index} cannot be sent: ${reason}`, { retriable: false });
    this.index = index;
  }
}

export { detailOf };
