/**
 * Writes the wine shop's SQL files under sql/<dialect>/ from the pipeline spec, then its checks
 * (09_checks.sql). Run after changing the spec, the event schemas, the renderer or the checks:
 * `npx tsx scripts/render-sql.ts` (a unit test fails until you do). Same as `eventflake render-sql`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRenderSql } from '../src/cli/commands/render-sql.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await runRenderSql({ dialect: 'all', out: join(root, 'sql'), spec: 'wine-shop' });
