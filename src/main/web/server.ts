// Browser mode: the station contract over HTTP on 127.0.0.1 (POST /api/<operation>) and an SSE
// event stream, guarded by a per-launch token. Serves the built renderer at '/'.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { dispatch, isOpName } from '../dispatch';
import type { Station } from '../station/station';
import { CSP } from '../shell/policy';

export interface WebOptions { port?: number; token?: string; staticDir?: string }
export interface WebServer { server: Server; url: string; token: string; port: number; close(): Promise<void> }

const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function tokenOk(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { fail(new Error('too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
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
    let file = resolve(root, '.' + normalize(decodeURIComponent(path)));
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(FALLBACK_PAGE);
}

export function startWebServer(station: Station, opts: WebOptions = {}): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      // The launch token is checked before anything else is looked at.
      const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? (url.pathname === '/api/events' ? url.searchParams.get('token') ?? undefined : undefined);
      if (!tokenOk(bearer, token)) return send(res, 401, { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Missing or wrong launch token.', params: {} } });
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        const forward = (e: { kind: string; payload: unknown }) => res.write(`event: ${e.kind}\ndata: ${JSON.stringify(e.payload)}\n\n`);
        station.events.on('*', forward);
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => { station.events.off('*', forward); clearInterval(ping); });
        return;
      }
      const name = decodeURIComponent(url.pathname.slice(5));
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST.', params: {} } });
      if (!isOpName(name)) return send(res, 404, { ok: false, error: { code: 'INVALID_INPUT', message: `No operation ${name}.`, params: {} } });
      readBody(req).then(async (text) => {
        let body: { input?: unknown };
        try { body = text ? JSON.parse(text) as { input?: unknown } : {}; } catch { return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON.', params: {} } }); }
        const session = req.headers['x-civictill-session'];
        const result = await dispatch(station, name, body.input ?? {}, typeof session === 'string' ? session : undefined);
        send(res, 200, result);
      }, () => send(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is too large.', params: {} } }));
      return;
    }
    if (req.method !== 'GET') return send(res, 405, { ok: false });
    serveStatic(res, opts.staticDir, url.pathname);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({ server, token, port, url: `http://127.0.0.1:${port}/#token=${token}`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) });
    });
  });
}
