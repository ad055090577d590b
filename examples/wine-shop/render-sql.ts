/**
 * Writes the wine shop's SQL under sql/<dialect>/ (run from the repository root), the same as
 * `eventflake render-sql`: `npx tsx examples/wine-shop/render-sql.ts --dialect snowflake`.
 */
import { renderSqlCommand } from '../../src/cli/commands/render-sql.js';
import { runCommand } from '../../src/cli/run.js';

await runCommand(renderSqlCommand().name('render-sql.ts'), process.argv);
