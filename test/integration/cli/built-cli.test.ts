import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root } from './support.js';

const run = promisify(execFile);
const builtCli = join(root, 'dist', 'cli.js');

describe('the built eventflake binary (dist/cli.js)', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('lists its commands and generates the same events as the source', async () => {
    const help = await run(process.execPath, [builtCli, '--help'], { cwd: root });
    expect(help.stdout).toMatch(/^ {2}run-local /m);
    const args = ['generate', '--count', '100', '--seed', '8', '--domain', 'dropshipping'];
    const built = await run(process.execPath, [builtCli, ...args], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(built.stdout.split('\n').filter(Boolean)).toHaveLength(100);
    expect(built.stdout).toBe((await cli(args)).stdout);
  });

  it('prints one line and exits 1 on a bad option', async () => {
    const attempt = run(process.execPath, [builtCli, 'generate', '--rate', '-3'], { cwd: root });
    await expect(attempt).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^eventflake: .*--rate.*\n$/),
    });
  });
});
