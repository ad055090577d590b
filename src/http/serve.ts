import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on a loopback (or chosen) address. */
export interface ListeningServer {
  /** e.g. `http://127.0.0.1:9464`, without a trailing slash; port 0 is resolved to the bound one. */
  readonly origin: string;
  /** Stops accepting, drops open keep-alive connections, resolves once closed. */
  close(): Promise<void>;
}

/**
 * Binds `server` to `host:port` (port 0 picks a free one) and resolves once it listens, or rejects with
 * the bind error (e.g. EADDRINUSE) instead of crashing the process.
 *
 * @example
 * const { origin, close } = await listen(createServer(handler), '127.0.0.1', 0);
 */
export function listen(server: Server, host: string, port: number): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
