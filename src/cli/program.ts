import { createRequire } from 'node:module';
import { Command } from 'commander';
import { consumeCommand } from './commands/consume.js';
import { dashboardCommand } from './commands/dashboard.js';
import { exportSeedCommand } from './commands/export-seed.js';
import { generateCommand } from './commands/generate.js';
import { loadCommand } from './commands/load.js';
import { produceCommand } from './commands/produce.js';
import { renderSqlCommand } from './commands/render-sql.js';
import { runLocalCommand } from './commands/run-local.js';
import { validateCommand } from './commands/validate.js';

/**
 * The `eventflake` command with every subcommand. Each subcommand lives in its own module under
 * commands/, so the examples can run one of them on its own.
 *
 * @example
 * await runCommand(createProgram(), process.argv);
 */
export function createProgram(): Command {
  const program = new Command()
    .name('eventflake')
    .description("Typed business events from Node services through Kafka into Snowflake's layered pipeline.")
    .version(packageVersion());
  for (const command of [
    generateCommand(),
    exportSeedCommand(),
    produceCommand(),
    consumeCommand(),
    loadCommand(),
    renderSqlCommand(),
    validateCommand(),
    runLocalCommand(),
    dashboardCommand(),
  ]) {
    program.addCommand(command);
  }
  return program;
}

function packageVersion(): string {
  // From src/cli/ (tsx) and from dist/ (the bundle) alike, package.json is found by walking up.
  const require = createRequire(import.meta.url);
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'eventflake' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this level
    }
  }
  return '0.0.0';
}
