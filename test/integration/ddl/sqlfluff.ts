import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, requireTool } from '../../setup/services.js';

const run = promisify(execFile);

/** The grammar check is pinned: a new sqlfluff release may parse differently. */
export const SQLFLUFF_REQUIREMENT = 'sqlfluff==4.5.0';
const installTimeoutMs = 10 * 60_000;

/**
 * Returns the path of a sqlfluff executable in a virtualenv under the services cache, installing
 * the pinned version when the marker says the venv holds another (or nothing).
 *
 * @example
 * const sqlfluff = await ensureSqlfluff();
 */
export async function ensureSqlfluff(): Promise<string> {
  requireTool(
    'python3',
    ['--version'],
    'Python 3.11+ with venv, e.g. `apt-get install python3 python3-venv`',
  );
  const venv = cacheDir('sqlfluff-venv');
  const bin = join(venv, 'bin', 'sqlfluff');
  const marker = join(venv, '.requirement');
  if (existsSync(bin) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === SQLFLUFF_REQUIREMENT)
    return bin;
  // --clear: nothing from an older install may linger.
  await run('python3', ['-m', 'venv', '--clear', venv], { timeout: installTimeoutMs });
  await run(
    join(venv, 'bin', 'python'),
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', SQLFLUFF_REQUIREMENT],
    {
      timeout: installTimeoutMs,
    },
  );
  writeFileSync(marker, `${SQLFLUFF_REQUIREMENT}\n`);
  return bin;
}

/** One file's parse result: the text of every section sqlfluff could not parse. */
export interface ParseReport {
  readonly file: string;
  readonly unparsable: readonly string[];
}

/**
 * Parses every .sql file under `dir` with the Snowflake grammar in one sqlfluff call.
 *
 * @example
 * const reports = await parseSnowflake(sqlfluff, '/tmp/sql');
 */
export async function parseSnowflake(sqlfluff: string, dir: string): Promise<ParseReport[]> {
  // raw templater: our SQL is not a Jinja template; --nofail: unparsable sections are read from the JSON.
  const { stdout } = await run(
    sqlfluff,
    ['parse', '--dialect', 'snowflake', '--templater', 'raw', '--format', 'json', '--nofail', dir],
    { cwd: dir, maxBuffer: 256 * 1024 * 1024, timeout: 5 * 60_000 },
  );
  const files = JSON.parse(stdout) as { filepath: string; segments: unknown }[];
  return files.map((f) => ({ file: f.filepath, unparsable: unparsableSections(f.segments) }));
}

function unparsableSections(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(unparsableSections);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'unparsable' ? [leafText(value)] : unparsableSections(value),
  );
}

function leafText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(leafText).join('');
  if (node !== null && typeof node === 'object') return Object.values(node).map(leafText).join('');
  return '';
}
