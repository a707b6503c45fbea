// Browser mode: the station contract over HTTP on 127.0.0.1 (POST /api/<operation>) and an SSE
// event stream, guarded by a per-launch token. Serves the built renderer at '/'.
import { logError } from '../station/log/stationLog';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { OpName } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import { dispatch, isOpName } from '../dispatch';
import { readInput } from './body';
import type { Station } from '../station/station';
import { CSP } from '../shell/policy';

export interface WebOptions { port?: number; token?: string; staticDir?: string }
export interface WebServer { server: Server; url: string; token: string; port: number; close(): Promise<void> }

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };

const apiError = (code: ApiError['code'], message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, message, params: {} } });

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (e) {
    // A result that cannot be written as JSON is a fault of the station, not of the request.
    console.error('[web] an answer could not be written as JSON:', e);
    status = 500;
    text = JSON.stringify(apiError('INTERNAL', 'Something went wrong inside the station; nothing was saved.'));
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function tokenOk(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** decodeURIComponent that answers null for a malformed escape instead of throwing. */
function decoded(s: string): string | null {
  try { return decodeURIComponent(s); } catch { return null; }
}

const FALLBACK_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CivicTill</title></head>
<body><main><h1>CivicTill</h1><p id="status">Station running in browser mode.</p></main>
<script>
const token = new URLSearchParams(location.hash.slice(1)).get('token');
fetch('/api/station.info', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify({ input: {} }) })
  .then(r => r.json()).then(r => { document.getElementById('status').textContent = r.ok ? r.value.cityName + ' — station ' + r.value.stationId + ', business day ' + r.value.businessDay : r.error.message; });
</script></body></html>`;

function serveStatic(res: ServerResponse, staticDir: string | undefined, path: string): void {
  // The same policy as the Electron window: the renderer's own scripts and styles, nothing inline.
  const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };
  if (staticDir && existsSync(join(staticDir, 'index.html'))) {
    const root = resolve(staticDir);
    const p = decoded(path);
    if (p === null || p.includes('\0')) { res.writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' }); res.end('Bad address.'); return; }
    let file = resolve(root, '.' + normalize(p));
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(FALLBACK_PAGE);
}

/** The event stream: every station event as SSE, until the client goes away. */
function serveEvents(station: Station, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const forward = (e: { kind: string; payload: unknown }) => {
    // A listener of the station's events: whatever goes wrong here must not reach the emitter.
    try {
      if (!res.destroyed) res.write(`event: ${String(e.kind).replace(/[\r\n]/g, ' ')}\ndata: ${JSON.stringify(e.payload) ?? 'null'}\n\n`);
    } catch (err) {
      console.error('[web] an event could not be sent:', err);
    }
  };
  station.events.on('*', forward);
  const ping = setInterval(() => { if (!res.destroyed) res.write(': ping\n\n'); }, 15_000);
  ping.unref();
  const stop = () => { station.events.off('*', forward); clearInterval(ping); };
  req.on('close', stop);
  res.on('error', stop);
}

async function serveCall(station: Station, req: IncomingMessage, res: ServerResponse, name: OpName): Promise<void> {
  const body = await readInput(req);
  if (!body) return; // the client went away before the end of its request
  if (!body.ok) return send(res, body.status, { ok: false, error: body.error });
  const session = req.headers['x-civictill-session'];
  const result = await dispatch(station, name, body.input, typeof session === 'string' ? session : undefined);
  send(res, 200, result);
}

function route(station: Station, opts: WebOptions, token: string, req: IncomingMessage, res: ServerResponse): void | Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/')) {
    // The launch token is checked before anything else is looked at.
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? (url.pathname === '/api/events' ? url.searchParams.get('token') ?? undefined : undefined);
    if (!tokenOk(bearer, token)) return send(res, 401, apiError('NOT_SIGNED_IN', 'Missing or wrong launch token.'));
    if (url.pathname === '/api/events' && req.method === 'GET') return serveEvents(station, req, res);
    const name = decoded(url.pathname.slice(5)) ?? '';
    if (req.method !== 'POST') return send(res, 405, apiError('INVALID_INPUT', 'Use POST.'));
    if (!isOpName(name)) return send(res, 404, apiError('INVALID_INPUT', `No operation ${name.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')}.`));
    return serveCall(station, req, res, name);
  }
  if (req.method !== 'GET') return send(res, 405, { ok: false });
  serveStatic(res, opts.staticDir, url.pathname);
}

/** Whatever goes wrong while answering one request is logged and answered; the server serves on. */
function failed(station: Station, res: ServerResponse, e: unknown): void {
  logError(station, 'web request', e);
  if (!res.headersSent && !res.destroyed) send(res, 500, apiError('INTERNAL', 'Something went wrong inside the station; nothing was saved. Tell IT: the request could not be answered.'));
  else res.destroy();
}

export function startWebServer(station: Station, opts: WebOptions = {}): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    req.on('error', () => undefined); // a client that resets mid-request: nothing to answer
    res.on('error', () => undefined);
    try {
      const pending = route(station, opts, token, req, res);
      if (pending) pending.catch((e: unknown) => failed(station, res, e));
    } catch (e) {
      failed(station, res, e);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      server.on('error', (e) => logError(station, 'web server', e));
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({ server, token, port, url: `http://127.0.0.1:${port}/#token=${token}`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) });
    });
  });
}
