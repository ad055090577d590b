/**
 * The seam between where events come from (Kafka, a file, an in-process iterable) and the sink.
 * A source hands over batches and learns, through `ack()`, when it may forget them.
 */

/** One raw message as the source read it, before any parsing. */
export interface SourceRecord {
  /** The message body: JSON text, or its bytes. */
  readonly value: Uint8Array | string;
  /**
   * Where the record came from — topic/partition/offset/key/headers/producer time for Kafka, file/line for
   * a file. Stored in RAW's EVENT_METADATA and in dead letters, so any row can be traced back.
   */
  readonly lineage: Readonly<Record<string, unknown>>;
  /**
   * The lineage as JSON text, exactly as `JSON.stringify` writes it (bigints as decimal strings, bytes as
   * text or `{ base64 }`), for a source that writes it more cheaply than the sink can (the Kafka source
   * does). Left out, the sink writes it from `lineage`.
   */
  readonly lineageJson?: string;
}

/** Records handed over together, acknowledged together. */
export interface SourceBatch {
  readonly records: readonly SourceRecord[];
  /**
   * Called by the sink once every record of the batch is durable, in RAW or in the dead-letter queue,
   * and only after the acks of all batches written before it (a Kafka source commits offsets here).
   * Never called for a batch the sink could not make durable: the source redelivers it after a restart.
   */
  ack(): Promise<void>;
}

/** What a source writes into; {@link BatchSink} implements it. */
export interface BatchWriter {
  /** Resolves once the batch is accepted; waits while the sink is above its high-water mark. */
  write(batch: SourceBatch): Promise<void>;
  /** Resolves once every batch written so far is acknowledged. */
  flush(): Promise<void>;
}

/**
 * Something that reads events and writes them into a sink until it runs out or is stopped.
 *
 * @example
 * const controller = new AbortController();
 * process.once('SIGTERM', () => controller.abort());
 * await source.run(sink, { signal: controller.signal });
 * await sink.close({ deadlineMs: 30_000 });
 */
export interface Source {
  /** Resolves when the source is exhausted or stopped and everything it wrote is acknowledged. */
  run(sink: BatchWriter, options?: { readonly signal?: AbortSignal }): Promise<void>;
}
