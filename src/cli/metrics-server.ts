import { createServer } from 'node:http';
import type { Registry } from 'prom-client';
import { listen } from '../http/serve.js';

/** A running /metrics endpoint. */
export interface MetricsServer {
  /** e.g. `http://127.0.0.1:9464/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a prom-client registry at GET /metrics with node:http; anything else is a 404. Binds the given
 * host (loopback by default in the CLI); port 0 picks a free one, read back from `url`.
 *
 * @example
 * const server = await serveMetrics(registry, { host: '127.0.0.1', port: 9464 });
 * console.log(`metrics at ${server.url}`);
 * await server.close();
 */
export async function serveMetrics(
  registry: Registry,
  options: { readonly host: string; readonly port: number },
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  const { origin, close } = await listen(server, options.host, options.port);
  return { url: `${origin}/metrics`, close };
}
