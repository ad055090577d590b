import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Downloads and service state live here, ignored by git, so a second run starts in seconds. */
export const cacheRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'services');

export function cacheDir(...parts: string[]): string {
  const dir = join(cacheRoot, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Asks the kernel for a free loopback port; the tiny race before the service binds it is acceptable in tests. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/**
 * Fails with a message naming the missing tool and how to install it. There is no skip path:
 * a missing service is a failure under CI=true and locally alike.
 */
export function requireTool(command: string, versionArgs: string[], install: string): string {
  try {
    return execFileSync(command, versionArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(
      `The integration tests need \`${command}\`, which is not on PATH. Install it: ${install}`,
    );
  }
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms`);
}
