import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export const root = join(import.meta.dirname, '..', '..', '..');

/** How a CLI run ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Only what the CLI reads is inherited from the test's environment; the rest is given per run. */
function cleanEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(KAFKA_|SNOWFLAKE_|EVENTFLAKE_)/.test(name) || name === 'EVENTFLAKE_TEST_SERVICES',
    ),
  );
  return { ...kept, ...env };
}

/** The command line of a TypeScript entry point run by node through tsx, from the repository root. */
export function tsxArgs(entry: string, args: readonly string[]): string[] {
  return ['--import', 'tsx', join(root, entry), ...args];
}

/**
 * Runs `eventflake <args>` from src/cli/main.ts (or another entry) as a child process and resolves
 * with its exit code and output, whatever the code.
 */
export function cli(
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly cwd?: string; readonly entry?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      tsxArgs(options.entry ?? 'src/cli/main.ts', args),
      { cwd: options.cwd ?? root, env: cleanEnv(options.env ?? {}), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** A long-running CLI process (consume), with its output collected as it comes. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>;
}

export function startCli(
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly cwd?: string } = {},
): CliProcess {
  const child = spawn(process.execPath, tsxArgs('src/cli/main.ts', args), {
    cwd: options.cwd ?? root,
    env: cleanEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** A temporary folder for the file's tests, removed afterwards; call the result inside a test. */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `eventflake-cli-${prefix}-`));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error('the temporary folder exists only inside a test');
    return dir;
  };
}
