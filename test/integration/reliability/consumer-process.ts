import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'consume-to-duckdb.ts');

/** Where the consumer child writes, and which group and topic it reads. */
export interface ConsumerTarget {
  readonly brokers: string;
  readonly topic: string;
  readonly groupId: string;
  readonly dbPath: string;
  readonly dlqPath: string;
}

/** One life of the consumer child process: follows the RAW row count it prints. */
export class ConsumerProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #waiters = new Set<() => void>();
  #stderr = '';
  landed = 0;
  seeks = 0;

  constructor(target: ConsumerTarget) {
    const args = [target.brokers, target.topic, target.groupId, target.dbPath, target.dlqPath];
    this.#child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#exited = once(this.#child, 'exit').then(([code, signal]) => ({ code, signal }));
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4_000);
    });
    const lines = createInterface({ input: this.#child.stdout ?? process.stdin });
    lines.on('line', (line) => {
      const [word, value] = line.split(' ');
      if (word === 'landed' || word === 'started') this.landed = Number(value);
      if (word === 'seek') this.seeks += 1;
      for (const wake of this.#waiters) wake();
    });
    this.#exited.then(() => {
      for (const wake of this.#waiters) wake();
    });
  }

  /** Resolves once RAW holds at least `rows` rows; rejects if the process ends or `timeoutMs` passes first. */
  async untilLanded(rows: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.landed < rows) {
      if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
        throw new Error(`consumer exited at ${this.landed} rows, before ${rows}: ${this.#stderr}`);
      }
      if (Date.now() > deadline) throw new Error(`consumer at ${this.landed} rows after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 250);
        this.#waiters.add(wake);
      });
    }
  }

  /** kill -9: no flush, no commit, no leaving the group, DuckDB not closed. */
  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  /** SIGTERM: the graceful stop; resolves with the exit code, and the stderr tail when it is not 0. */
  async stop(): Promise<{ code: number | null; stderr: string }> {
    this.#child.kill('SIGTERM');
    const { code } = await this.#exited;
    return { code, stderr: code === 0 ? '' : this.#stderr };
  }
}
