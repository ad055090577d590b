#!/usr/bin/env node
import { createProgram } from './program.js';
import { runCommand } from './run.js';

/**
 * The `eventflake` binary (dist/cli.js). Errors print one line `eventflake: <message>` and exit 1;
 * `validate` and `run-local` exit with the checks' codes (0 pass, 1 warnings, 2 failures, 3 could not run).
 */
void runCommand(createProgram(), process.argv);
