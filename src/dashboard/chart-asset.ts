import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DashboardError } from './errors.js';

/**
 * Chart.js's UMD build, read from the installed chart.js package: the page loads it as a plain
 * script, so there is no bundler and no CDN. Its package exports map hides dist/, so the file is
 * found next to the entry point it does export.
 *
 * @example
 * const script = await readChartJs(); // served at /vendor/chart.umd.min.js
 */
export async function readChartJs(): Promise<Buffer> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('chart.js');
  } catch (error) {
    throw new DashboardError(
      'ERR_DASHBOARD_ASSET_MISSING',
      `chart.js is not installed (npm i chart.js): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const path = join(dirname(entry), 'chart.umd.min.js');
  try {
    return await readFile(path);
  } catch {
    throw new DashboardError('ERR_DASHBOARD_ASSET_MISSING', `chart.js has no UMD build at ${path}`);
  }
}
