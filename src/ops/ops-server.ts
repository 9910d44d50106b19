import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports/runtime.js';
import type { ReadinessReport } from './readiness.js';

/** What `GET /metrics` serves: a Prometheus registry's text exposition. */
export interface MetricsSource {
  readonly contentType: string;
  text(): Promise<string>;
}

export interface OpsServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the bound one is `port` on the result. */
  readonly port: number;
  readonly readiness: () => Promise<ReadinessReport>;
  /** Absent: `/metrics` answers 404. */
  readonly metrics?: MetricsSource;
  readonly logger: Logger;
}

export interface OpsServer {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * The operators' listener, separate from the platforms' endpoints, bound only to the configured host:
 * - `GET /healthz`: 200 while the process is alive (the event loop answers);
 * - `GET /readyz`: 200 when the bot can take traffic, else 503 with the reasons, as small JSON;
 * - `GET /metrics`: Prometheus text format.
 * No authentication, so nothing it serves contains a token or a secret: readiness reasons are built from
 * fixed texts and error codes, never from error messages or configuration values other than paths.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { logger } = options;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'ops request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // Probes are tiny; a client that trickles its request must not hold a socket for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics')
      return json(res, 404, { error: 'not found', paths: ['/healthz', '/readyz', '/metrics'] });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { error: 'method not allowed' });
    }
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const report = await options.readiness();
      return json(res, report.ready ? 200 : 503, {
        status: report.ready ? 'ready' : 'not ready',
        ...(report.ready ? {} : { reasons: report.reasons }),
        checks: report.checks,
      });
    }
    if (!options.metrics) return json(res, 404, { error: 'metrics are not collected in this process' });
    const text = await options.metrics.text();
    res.writeHead(200, { 'content-type': options.metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' }).end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      server.on('error', (err) => logger.error({ err }, 'ops listener error'));
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: options.host, port, paths: ['/healthz', '/readyz', '/metrics'] }, 'ops listener listening');
  return {
    host: options.host,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' }).end(text);
}
