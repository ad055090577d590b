#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command } from 'commander';

/**
 * The `eventflake` command. Each module registers its subcommand here as it lands;
 * errors print one line and exit non-zero rather than a stack trace.
 */
const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string };

const program = new Command()
  .name('eventflake')
  .description("Typed business events from Node services through Kafka into Snowflake's layered pipeline.")
  .version(pkg.version)
  .showHelpAfterError();

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`eventflake: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
