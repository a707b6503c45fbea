// The admin commands' requests to a running hub. Over https to a hub whose certificate the CLI knows by
// fingerprint (the hub writes DIR/tls-sha256 when it serves TLS, often with a self-signed certificate),
// the TLS socket is checked against it before the request — with the admin token — is written.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

export interface AdminResponse { status: number; text: string; bytes: Buffer }

export function adminRequest(url: string, init: { method: string; headers: Record<string, string>; body?: string | undefined }, pin: string | null): Promise<AdminResponse> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
    const createConnection = https && pin ? (_o: unknown, done: (err: Error | null, s: Duplex) => void) => {
      const sock = tls.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      sock.once('error', (e) => done(e, sock));
      sock.once('secureConnect', () => {
        const fp = (sock.getPeerCertificate().fingerprint256 ?? '').replace(/:/g, '').toLowerCase();
        if (fp === pin) { done(null, sock); return; }
        sock.destroy();
        done(new Error(`the hub at ${u.host} shows a certificate (SHA-256 ${fp}) other than the one it serves by this data folder's tls-sha256 (${pin}); nothing was sent`), sock);
      });
      return undefined;
    } : undefined;
    // With createConnection and no agent, the request waits for our socket (an agent would make its own).
    const req = (https ? httpsRequest : httpRequest)(u, { method: init.method, headers, ...(createConnection ? { createConnection: createConnection as never } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { const bytes = Buffer.concat(chunks); resolve({ status: res.statusCode ?? 0, text: bytes.toString('utf8'), bytes }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
