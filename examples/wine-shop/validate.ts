/**
 * Runs the checks on a DuckDB file (--db) or on Snowflake (SNOWFLAKE_*), the same as
 * `eventflake validate`, and exits 0 pass, 1 warnings, 2 failures, 3 could not run:
 *
 *   npx tsx examples/wine-shop/validate.ts --db caves.duckdb --skip late_events --report reports/checks.json
 */
import { validateCommand } from '../../src/cli/commands/validate.js';
import { runCommand } from '../../src/cli/run.js';

await runCommand(validateCommand().name('validate.ts'), process.argv);
