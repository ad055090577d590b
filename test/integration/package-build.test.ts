import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
}

describe('the built package', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('ships ESM, CommonJS and type declarations', () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'cli.js']) {
      expect(existsSync(join(root, 'dist', file)), file).toBe(true);
    }
  });

  it('loads with require() from a plain CommonJS script', () => {
    const out = node([
      '-e',
      "const ef = require('eventflake'); const e = new ef.ConfigError('x', 'a number', 'y'); console.log(e.code, ef.isEventflakeError(e))",
    ]);
    expect(out).toBe('ERR_CONFIG true');
  });

  it('loads with import from a plain ES module script', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "import { EventflakeError } from 'eventflake'; console.log(new EventflakeError('ERR_X', 'boom').code)",
    ]);
    expect(out).toBe('ERR_X');
  });

  it('runs the CLI binary', () => {
    expect(node(['dist/cli.js', '--version'])).toMatch(/^\d+\.\d+\.\d+/);
  });
});
