import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, freePort, requireTool, waitFor } from './services.js';

/**
 * fakesnow (a Python Snowflake emulator on DuckDB) behind our bridge.py, which rewrites its answers
 * into the JSON result format snowflake-sdk reads. The virtualenv lives in the ignored cache and is
 * rebuilt only when requirements.txt changes.
 */
const bridgeDir = join(dirname(fileURLToPath(import.meta.url)), 'fakesnow');
const requirementsPath = join(bridgeDir, 'requirements.txt');
const installMarker = '.requirements.sha256';
const pipTimeoutMs = 10 * 60_000;
const stopGraceMs = 5_000;

export interface RunningFakesnow {
  /** `http://127.0.0.1:PORT`, the value to pass as snowflake-sdk's `accessUrl`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the emulator on a free loopback port; resolves once it answers HTTP.
 *
 * @example
 * const snow = await startFakesnow();
 * snowflake.createConnection({ accessUrl: snow.url, account: 'test', username: 'u', password: 'p' });
 * await snow.stop();
 */
export async function startFakesnow(): Promise<RunningFakesnow> {
  requireTool(
    'python3',
    ['--version'],
    'Python 3.11+ with venv, e.g. `apt-get install python3 python3-venv`',
  );
  const logPath = join(cacheDir(), 'fakesnow.log');
  writeFileSync(logPath, ''); // one run's log at a time
  const python = await ensureVirtualenv(logPath);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnLogged(
    python,
    ['-m', 'uvicorn', 'bridge:app', '--host', '127.0.0.1', '--port', String(port), '--no-access-log'],
    logPath,
  );
  let running = true;
  const exited = new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.once('error', () => resolve());
  }).then(() => {
    running = false;
  });
  const stop = () => stopProcess(server, exited);
  try {
    await waitFor('fakesnow', async () => {
      // A dead server ends the wait at once; it is reported just below.
      if (!running) return true;
      // Any HTTP answer, even 401 for the missing session token, means uvicorn serves the app.
      await fetch(`${url}/session`, { method: 'POST', signal: AbortSignal.timeout(1_000) });
      return true;
    });
    if (!running) throw new Error('fakesnow exited during start-up');
  } catch (error) {
    await stop();
    throw new Error(`fakesnow did not start; its log is ${logPath}`, { cause: error });
  }
  return { url, stop };
}

/** Returns the venv's python, creating the venv and installing the pinned packages when needed. */
async function ensureVirtualenv(logPath: string): Promise<string> {
  const venv = cacheDir('fakesnow-venv');
  const python = join(venv, 'bin', 'python');
  const markerPath = join(venv, installMarker);
  const wanted = createHash('sha256').update(readFileSync(requirementsPath)).digest('hex');
  const installed = existsSync(markerPath) ? readFileSync(markerPath, 'utf8').trim() : '';
  if (installed === wanted && existsSync(python)) return python;

  // --clear: packages dropped from requirements.txt must not linger from an older install.
  await runLogged('python3', ['-m', 'venv', '--clear', venv], logPath);
  await runLogged(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', requirementsPath],
    logPath,
  );
  writeFileSync(markerPath, `${wanted}\n`);
  return python;
}

function spawnLogged(command: string, args: string[], logPath: string): ChildProcess {
  const log = openSync(logPath, 'a');
  try {
    return spawn(command, args, { cwd: bridgeDir, stdio: ['ignore', log, log] });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(log);
  }
}

async function runLogged(command: string, args: string[], logPath: string): Promise<void> {
  const child = spawnLogged(command, args, logPath);
  const timer = setTimeout(() => child.kill('SIGKILL'), pipTimeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${code}); see ${logPath}`);
  } finally {
    clearTimeout(timer);
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), stopGraceMs).unref());
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}
