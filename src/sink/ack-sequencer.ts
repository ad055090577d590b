import type { SourceBatch } from './source.js';

/** What hooks learn of a batch. */
export interface BatchTicket {
  /** 1 for the first batch written to the sink, then 2, 3… */
  readonly sequence: number;
  readonly records: number;
}

/** One written batch on its way to being acknowledged. Only the sequencer changes it. */
export interface Ticket extends BatchTicket {
  readonly batch: SourceBatch;
  records: number;
  /** Records not yet durable (in RAW, in the DLQ, or dropped as a duplicate of another pending one). */
  pending: number;
  /** False while `write` is still admitting the batch's records. */
  sealed: boolean;
}

interface Waiter {
  readonly sequence: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface AckSequencerHooks {
  /** A batch's ack() resolved. */
  readonly onAcked: (ticket: BatchTicket) => void;
  /** A batch's ack() rejected; later acks still go ahead. */
  readonly onAckError: (error: unknown, ticket: BatchTicket) => void;
}

/**
 * Calls `ack()` of written batches strictly in write order, each once all its records are durable,
 * whatever order the flushes complete in — a Kafka source commits offsets there, and committing a later
 * offset first would skip an earlier batch still in flight if the process died.
 *
 * @example
 * const acks = new AckSequencer(hooks);
 * const ticket = acks.open(batch);
 * acks.settle(ticket, 2);  // two records durable
 * acks.seal(ticket);       // no more records: acks once the earlier batches are acked
 */
export class AckSequencer {
  readonly #hooks: AckSequencerHooks;
  readonly #open: Ticket[] = [];
  #waiters: Waiter[] = [];
  #nextSequence = 1;
  #ackedThrough = 0;
  #chain: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(hooks: AckSequencerHooks) {
    this.#hooks = hooks;
  }

  /** Batches written but not yet acknowledged. */
  get unacked(): number {
    return this.#nextSequence - 1 - this.#ackedThrough;
  }

  open(batch: SourceBatch): Ticket {
    const ticket: Ticket = { sequence: this.#nextSequence, records: 0, batch, pending: 0, sealed: false };
    this.#nextSequence += 1;
    this.#open.push(ticket);
    return ticket;
  }

  /** Count one more record of the batch as admitted and not yet durable. */
  admit(ticket: Ticket): void {
    ticket.pending += 1;
    ticket.records += 1;
  }

  /** `count` records of the batch are durable. */
  settle(ticket: Ticket, count = 1): void {
    ticket.pending -= count;
    this.#release();
  }

  /** All the batch's records are admitted. */
  seal(ticket: Ticket): void {
    ticket.sealed = true;
    this.#release();
  }

  /** Resolves once every batch opened so far is acknowledged; rejects if the sink fails first. */
  whenAllAcked(): Promise<void> {
    const sequence = this.#nextSequence - 1;
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (sequence <= this.#ackedThrough) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ sequence, resolve, reject }));
  }

  /** Stop acknowledging: nothing more is acked, and waiters reject with `error`. */
  fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    this.#open.length = 0;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  #release(): void {
    while (this.#failure === undefined) {
      const head = this.#open[0];
      if (head === undefined || !head.sealed || head.pending > 0) return;
      this.#open.shift();
      this.#chain = this.#chain.then(() => this.#ack(head));
    }
  }

  async #ack(ticket: Ticket): Promise<void> {
    // The hooks are the sink's own and never throw; a rejected ack must not stop the later ones.
    await Promise.resolve()
      .then(() => ticket.batch.ack())
      .then(
        () => this.#hooks.onAcked(ticket),
        (error: unknown) => this.#hooks.onAckError(error, ticket),
      );
    this.#ackedThrough = ticket.sequence;
    const ready = this.#waiters.filter((w) => w.sequence <= ticket.sequence);
    this.#waiters = this.#waiters.filter((w) => w.sequence > ticket.sequence);
    for (const waiter of ready) waiter.resolve();
  }
}
