// The station's HTTP(S) to the hub. Plain http:// only to a hub on this machine (loopback); otherwise
// TLS, with the hub's certificate checked on the connected socket BEFORE the socket is handed to the
// HTTP request: nothing of the request (its credentials included) is written to a hub that fails the
// check. Checked against a SHA-256 pin taken at enrolment, or else the CAs (Node's, the system's
// bundle, and the city's CA file when set).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { fingerprintSuffix } from '../../shared/tlsFingerprint';

/** How the hub's certificate is checked. */
export interface TlsTrust {
  /** SHA-256 of the certificate pinned at enrolment (64 hex): only that certificate is accepted. */
  pin?: string | null;
  /** At enrolment: the fingerprint suffix the code carried (the first 120 bits, in the code alphabet). */
  pinSuffix?: string | null;
  /** Extra trusted CAs (PEM), e.g. the city's CA file; the system's are trusted as well. */
  caPem?: string | null;
}

export type CertificateProblem = 'changed' | 'untrusted' | 'plainHttp';

/** The hub's certificate (or a plain-http address) was refused before anything was sent. */
export class HubCertificateRefused extends Error {
  constructor(readonly problem: CertificateProblem, message: string, readonly seen: string | null = null, readonly expected: string | null = null) {
    super(message);
    this.name = 'HubCertificateRefused';
  }
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const v6 = h.replace(/^\[|\]$/g, '');
  return v6 === '::1' || /^::ffff:127\./.test(v6);
}

/** Refuses, before any connection, an address the station may not use: http:// off this machine. */
export function checkHubAddress(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new HubCertificateRefused('plainHttp', `the hub at ${url.host} is not on this machine, so the station talks to it only over https:// (plain http:// would send the station's credentials, PIN hashes and payments in clear text)`);
  }
  throw new HubCertificateRefused('plainHttp', `${url.protocol} is not a hub address: use https://`);
}

let systemBundle: string | null | undefined;
/** The OS's CA bundle (Debian's ca-certificates), where there is one: a city CA installed there counts. */
function systemCas(): string | null {
  if (systemBundle === undefined) {
    const file = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find((f) => existsSync(f));
    try { systemBundle = file ? readFileSync(file, 'utf8') : null; } catch { systemBundle = null; }
  }
  return systemBundle;
}

/** The CA list when something is added to Node's own; undefined keeps Node's default. */
function caList(extra: string | null | undefined): string[] | undefined {
  const sys = systemCas();
  if (!extra && !sys) return undefined;
  return [...tls.rootCertificates, ...(sys ? [sys] : []), ...(extra ? [extra] : [])];
}

const hexOf = (cert: tls.PeerCertificate): string => (cert.fingerprint256 ?? '').replace(/:/g, '').toLowerCase();

/**
 * An https agent whose sockets are handed to a request only once the certificate has passed. `seen`
 * keeps the fingerprint of the last certificate that passed (the one to pin at enrolment).
 */
class CheckedAgent extends https.Agent {
  seen: string | null = null;
  private readonly ca: string[] | undefined;
  constructor(private readonly trust: TlsTrust, keepAlive: boolean) {
    super({ keepAlive, maxSockets: 4 });
    this.ca = trust.pin || trust.pinSuffix ? undefined : caList(trust.caPem);
  }

  override createConnection(options: http.ClientRequestArgs, done?: (err: Error | null, stream: Duplex) => void): undefined {
    const host = String(options.host ?? options.hostname ?? '');
    const servername = isIP(host.replace(/^\[|\]$/g, '')) ? undefined : host;
    // rejectUnauthorized: false only so that the decision (and its wording) is ours, made below
    // on 'secureConnect'; the HTTP request is written after done(), never before.
    const sock = tls.connect({
      host, port: Number(options.port ?? 443), ...(servername ? { servername } : {}), ALPNProtocols: ['http/1.1'], rejectUnauthorized: false,
      ...(this.ca ? { ca: this.ca } : {}),
    });
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      if (err) { sock.destroy(); done?.(err, sock); } else done?.(null, sock);
    };
    sock.once('error', (e) => finish(e));
    sock.once('secureConnect', () => finish(this.check(sock, host)));
    return undefined;
  }

  private check(sock: tls.TLSSocket, host: string): Error | null {
    const cert = sock.getPeerCertificate();
    const fp = cert && Object.keys(cert).length ? hexOf(cert) : '';
    if (!fp) return new HubCertificateRefused('untrusted', `the hub at ${host} sent no certificate`);
    const { pin, pinSuffix } = this.trust;
    if (pin) {
      if (fp !== pin) return new HubCertificateRefused('changed', `the hub at ${host} shows a different certificate (SHA-256 ${fp}) from the one pinned at enrolment (${pin}); nothing was sent. If the hub's certificate was renewed, an admin trusts the new one on the Sync screen`, fp, pin);
    } else if (pinSuffix) {
      if (fingerprintSuffix(fp) !== pinSuffix) return new HubCertificateRefused('changed', `the hub at ${host} shows a certificate (SHA-256 ${fp}) that is not the one the enrolment code names; nothing was sent`, fp, null);
    } else if (!sock.authorized) {
      return new HubCertificateRefused('untrusted', `the hub's certificate at ${host} is not trusted (${String(sock.authorizationError)}); nothing was sent. Set the city's CA file in the sync settings, or enrol with a code that carries the hub's fingerprint`, fp, null);
    }
    this.seen = fp;
    return null;
  }
}

export interface HubResponse { status: number; text: string }

export interface HubRequest { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string | Buffer; timeoutMs: number }

/** One connection policy for one hub address: reuse it for the requests of a sync cycle, then close(). */
export class HubTransport {
  private readonly agent: CheckedAgent | http.Agent;
  constructor(readonly base: URL, trust: TlsTrust, opts: { keepAlive?: boolean } = {}) {
    checkHubAddress(base);
    const keepAlive = opts.keepAlive ?? true;
    this.agent = base.protocol === 'https:' ? new CheckedAgent(trust, keepAlive) : new http.Agent({ keepAlive, maxSockets: 4 });
  }

  /** The fingerprint of the certificate that passed the check (https), once a request has connected. */
  get certificate(): string | null { return this.agent instanceof CheckedAgent ? this.agent.seen : null; }

  request(path: string, init: HubRequest): Promise<HubResponse> {
    const url = new URL(path, this.base);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const req = mod.request(url, {
        method: init.method, agent: this.agent,
        headers: { ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
        res.on('error', (e) => { clearTimeout(timer); reject(timedOut ? timeoutError(init.timeoutMs) : e); });
      });
      const timer = setTimeout(() => { timedOut = true; req.destroy(timeoutError(init.timeoutMs)); }, init.timeoutMs);
      req.on('error', (e) => { clearTimeout(timer); reject(timedOut ? timeoutError(init.timeoutMs) : e); });
      req.end(init.body);
    });
  }

  close(): void { this.agent.destroy(); }
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no answer within ${ms / 1000} s`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}
