// The hub's HTTP service: /v1/ routes, credentials checked before anything else, errors as 4xx with a reason.
import { X509Certificate, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { HubDb } from './db';
import { HubError } from './errors';
import { hubLogger, scrub } from './log';
import { sendJson, sendText } from './http';
import { openApiDocument } from './openapi';
import { authorise, routes, type HubContext, type Route } from './routes';

export const HUB_VERSION = '1.0.0';

export interface HubServerOptions {
  port?: number | undefined;
  host?: string | undefined;
  now?: () => Date;
  /** scrypt cost for PINs set through the hub (tests lower it). */
  pinCost?: number;
  /** Where the JSON log lines go (one pino line per request and per failure); stderr by default. */
  log?: (line: string) => void;
  /** Serve HTTPS with this certificate (chain) and key, both PEM. */
  tls?: { cert: string; key: string } | undefined;
}

export interface HubServer {
  server: Server; url: string; port: number;
  /** SHA-256 of the certificate served (64 hex), when the hub runs TLS itself. */
  tlsFingerprint: string | null;
  close(): Promise<void>;
}

/** The SHA-256 of the first (leaf) certificate of a PEM chain, as stations pin it. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
}

const compiled = routes.map((r) => ({ route: r, re: new RegExp(`^${r.path.replace(/\{(\w+)\}/g, '(?<$1>[0-9]{1,15})')}$`) }));

function match(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | null {
  let seen = false;
  for (const { route, re } of compiled) {
    const m = re.exec(path);
    if (!m) continue;
    seen = true;
    if (route.method === method) return { route, params: { ...m.groups } };
  }
  return seen ? 'wrong-method' : null;
}

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0]!;

export async function startHubServer(db: HubDb, opts: HubServerOptions = {}): Promise<HubServer> {
  const tlsFingerprint = opts.tls ? certificateFingerprint(opts.tls.cert) : null;
  const ctx: HubContext = { db, now: opts.now ?? (() => new Date()), pinCost: opts.pinCost, tlsFingerprint };
  const openapi = JSON.stringify(openApiDocument(routes, HUB_VERSION));
  const sink = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const logger = hubLogger(sink);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname === '/v1/openapi.json') {
      if (req.method === 'GET') return sendText(res, 200, 'application/json; charset=utf-8', openapi);
      throw new HubError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
    }
    const found = match(req.method ?? '', url.pathname);
    if (found === null) throw new HubError(404, 'NOT_FOUND', `no such endpoint ${url.pathname} (see /v1/openapi.json)`);
    if (found === 'wrong-method') throw new HubError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
    const who = await authorise(ctx, found.route, req);
    const reply = await found.route.handle(ctx, { req, url, params: found.params, ...who });
    if (reply.text) {
      return sendText(res, reply.status ?? 200, reply.text.type, reply.text.body, reply.text.filename ? { 'content-disposition': `attachment; filename="${reply.text.filename}"` } : {});
    }
    sendJson(res, reply.status ?? 200, reply.json ?? {});
  }

  // Requests still running when the hub stops: close() lets them finish (commit or roll back) first.
  const inFlight = new Set<Promise<void>>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // One ID per request, in the answer's headers and on every line logged for it.
    const reqId = randomUUID();
    const started = process.hrtime.bigint();
    res.setHeader('x-request-id', reqId);
    res.once('finish', () => {
      // The path only: no query, no header, no body (credentials and PIN hashes never reach the log).
      logger.info({ reqId, method: req.method, path: pathOf(req.url), status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000, client: req.socket.remoteAddress }, 'request');
    });
    const p = handle(req, res).catch((e: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (e instanceof HubError) {
        if (e.status === 401) res.setHeader('www-authenticate', 'Basic realm="civictill-hub", Bearer');
        // A refused request may not have had its body read: do not keep the connection.
        if (!req.complete) res.setHeader('connection', 'close');
        sendJson(res, e.status, e.body());
        return;
      }
      logger.error({ reqId, method: req.method, path: pathOf(req.url), err: e instanceof Error ? { message: scrub(e.message), stack: scrub(e.stack ?? '') } : { message: scrub(String(e)) } }, 'request failed');
      sendJson(res, 500, new HubError(500, 'INTERNAL', 'the hub could not finish this request; nothing was stored').body());
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createServer(onRequest);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server, port, tlsFingerprint, url: `${opts.tls ? 'https' : 'http'}://${hostForUrl(opts.host ?? '127.0.0.1')}:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...inFlight]);
    },
  };
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
