import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const runFile = promisify(execFile);

/** A JVM started for the tests, tied to the life of this Node process. */
export interface JavaProcess {
  readonly pid: number;
  /** Set once the JVM has exited, with its exit code or the signal that ended it. */
  exitStatus(): string | undefined;
  /** SIGTERM, then SIGKILL if the JVM is still alive after `graceMs`. Safe to call twice. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Runs a short Java command to completion, writing what it printed to `outFile`.
 *
 * @example
 * await runJava(['-cp', 'libs/*', 'kafka.tools.StorageTool', 'format', ...], 'logs/format.log');
 */
export async function runJava(args: string[], outFile: string): Promise<void> {
  try {
    const { stdout, stderr } = await runFile('java', args, { timeout: 120_000 });
    writeFileSync(outFile, stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    writeFileSync(outFile, `${stdout}${stderr}\n${String(error)}\n`);
    throw error;
  }
}

/**
 * Starts a long-running JVM with stdout and stderr appended to `outFile`. A watchdog shell holds a
 * pipe from this process and kills the JVM when the pipe closes, so a crashed or killed test run
 * never leaves a broker behind; a normal exit kills it from the `exit` hook as well.
 *
 * @example
 * const broker = spawnJava(['-cp', 'libs/*', 'kafka.Kafka', 'server.properties'], 'logs/broker.out');
 * await broker.stop(15_000);
 */
export function spawnJava(args: string[], outFile: string): JavaProcess {
  const out = openSync(outFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn('java', args, { stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  let exitStatus: string | undefined;
  child.once('error', (error) => {
    exitStatus ??= `failed: ${error.message}`;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`java did not start; see ${outFile}`);

  const killNow = () => {
    child.kill('SIGKILL');
  };
  const watchdog = spawn(
    'sh',
    ['-c', 'read _line; kill -KILL "$1" 2>/dev/null', 'kafka-watchdog', String(pid)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  // Without sh the exit hook below still covers a normal exit; only a hard crash would leak the JVM.
  watchdog.once('error', () => undefined);
  process.once('exit', killNow);
  // Neither the JVM nor its watchdog should keep the test runner alive on their own.
  child.unref();
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();

  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = signal ? `signal ${signal}` : `exit code ${String(code)}`;
      process.removeListener('exit', killNow);
      watchdog.kill('SIGTERM');
      resolve();
    });
  });

  return {
    pid,
    exitStatus: () => exitStatus,
    async stop(graceMs) {
      if (exitStatus === undefined) {
        child.kill('SIGTERM');
        const deadline = new AbortController();
        const graceful = await Promise.race([
          exited.then(() => true),
          delay(graceMs, false, { signal: deadline.signal }).catch(() => true),
        ]);
        deadline.abort();
        if (!graceful) child.kill('SIGKILL');
      }
      await exited;
    },
  };
}
