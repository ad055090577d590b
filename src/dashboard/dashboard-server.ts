import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ConfigError } from '../errors.js';
import { listen } from '../http/serve.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { readChartJs } from './chart-asset.js';
import { dashboardPage } from './page.js';
import { DASHBOARD_SCRIPT } from './page-script.js';
import { type DashboardSummary, prepareSession, readSummary } from './summary.js';

/** Options of {@link startDashboard}. */
export interface DashboardOptions {
  /** Where the figures come from: a DuckDbWarehouse (a LocalPipeline's) or a SnowflakeWarehouse. */
  readonly warehouse: Warehouse;
  /**
   * Port to listen on; 0 picks a free one, read back from `url`.
   * @default 0
   */
  readonly port?: number;
  /**
   * Address to bind; loopback unless you mean to show the figures to the network.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /** JSON Lines dead-letter file whose letters the page counts; the count shows as unknown without it. */
  readonly dlqPath?: string;
  /**
   * Seconds between two reads of the summary by the page; `?refresh=N` in the page's address overrides it.
   * @default 10
   */
  readonly refreshSeconds?: number;
}

/** A running dashboard. */
export interface Dashboard {
  /** e.g. `http://127.0.0.1:8090/`. */
  readonly url: string;
  /** Stops serving; the warehouse stays open (it is the caller's). */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the wine shop's dashboard over a warehouse with node:http: GET / (the page), /app.js,
 * /vendor/chart.umd.min.js (Chart.js from node_modules) and /api/summary (KPIs, revenue by
 * category, top products, recent orders, stock alerts, pipeline health, task runs, dead letters).
 * Requests that arrive while a summary is being read share it, so many open pages cost one read.
 *
 * @example
 * const local = await LocalPipeline.open({ path: 'caves.duckdb' });
 * const dashboard = await startDashboard({ warehouse: local.warehouse, port: 8090 });
 * console.log(`dashboard at ${dashboard.url}`);
 * await dashboard.close();
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const refreshSeconds = options.refreshSeconds ?? 10;
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 1 || refreshSeconds > 3600) {
    throw new ConfigError('refreshSeconds', 'a number of seconds from 1 to 3600', refreshSeconds);
  }
  const port = options.port ?? 0;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError('port', 'a whole number from 0 to 65535', port);
  }
  const host = options.host ?? '127.0.0.1';
  const chartJs = await readChartJs();
  await prepareSession(options.warehouse);
  const summary = sharedSummary(() => readSummary(options.warehouse, { dlqPath: options.dlqPath }));
  const page = dashboardPage({ refreshSeconds });

  const server = createServer((request, response) => {
    route(request, response, { page, chartJs, summary }).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'dashboard error\n');
      else response.destroy();
    });
  });
  const { origin, close } = await listen(server, host, port);
  return { url: `${origin}/`, close };
}

interface Assets {
  readonly page: string;
  readonly chartJs: Buffer;
  readonly summary: () => Promise<DashboardSummary>;
}

async function route(request: IncomingMessage, response: ServerResponse, assets: Assets): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  const path = new URL(request.url ?? '/', 'http://dashboard').pathname;
  if (path === '/') send(response, 200, 'text/html; charset=utf-8', assets.page);
  else if (path === '/app.js') send(response, 200, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT);
  else if (path === '/vendor/chart.umd.min.js')
    send(response, 200, 'text/javascript; charset=utf-8', assets.chartJs);
  else if (path === '/api/summary') {
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify(await assets.summary()));
  } else send(response, 404, 'text/plain; charset=utf-8', 'not found: try GET / or GET /api/summary\n');
}

function send(response: ServerResponse, status: number, type: string, content: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  response.end(response.req.method === 'HEAD' ? undefined : content);
}

/** One read at a time: callers that arrive during a read get its result. */
function sharedSummary(read: () => Promise<DashboardSummary>): () => Promise<DashboardSummary> {
  let pending: Promise<DashboardSummary> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
