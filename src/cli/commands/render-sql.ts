import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { renderChecks } from '../../checks/render-checks.js';
import { render } from '../../ddl/render.js';
import { DIALECTS, type DialectName } from '../../ddl/spec/queries.js';
import { cliDomain, DOMAIN_NAMES } from '../domains.js';
import { action, type ExitCode } from '../run.js';

export interface RenderSqlOptions {
  readonly dialect: DialectName | 'all';
  readonly out: string;
  readonly spec: string;
}

/**
 * `eventflake render-sql`: the pipeline's SQL files, then its checks (09_checks.sql), under
 * `<out>/<dialect>/`. A file the renderer no longer produces is removed so it is not applied by mistake.
 *
 * @example
 * eventflake render-sql --dialect snowflake --out sql --spec wine-shop
 */
export function renderSqlCommand(): Command {
  return new Command('render-sql')
    .description("write the pipeline's SQL files (and its checks) under <out>/<dialect>/")
    .addOption(new Option('--dialect <name>', 'SQL dialect').choices([...DIALECTS, 'all']).default('all'))
    .addOption(new Option('--out <dir>', 'folder that receives one subfolder per dialect').default('sql'))
    .addOption(new Option('--spec <name>', 'pipeline spec').choices(DOMAIN_NAMES).default('wine-shop'))
    .action(action(runRenderSql));
}

/** Runs `render-sql`; resolves with the exit code. */
export async function runRenderSql(options: RenderSqlOptions): Promise<ExitCode> {
  const { checks } = cliDomain(options.spec);
  const dialects = options.dialect === 'all' ? DIALECTS : [options.dialect];
  for (const dialect of dialects) {
    const dir = join(options.out, dialect);
    await mkdir(dir, { recursive: true });
    const files = [...render(checks.spec, { dialect }), renderChecks(checks, dialect)];
    const names = new Set(files.map((f) => f.name));
    for (const stale of (await readdir(dir)).filter((n) => n.endsWith('.sql') && !names.has(n))) {
      await rm(join(dir, stale));
    }
    for (const file of files) await writeFile(join(dir, file.name), file.content);
    process.stdout.write(`${dir}: ${files.map((f) => f.name).join(', ')}\n`);
  }
  return 0;
}
