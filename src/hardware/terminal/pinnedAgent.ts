// An https agent that hands a socket to a request only once the terminal's certificate matches the
// pinned SHA-256 fingerprint: a terminal's certificate is its own (self-signed or the vendor's), so it is
// pinned, not checked against a CA list. The request is written after the check, never before.
import https from 'node:https';
import tls from 'node:tls';
import type http from 'node:http';
import type { Duplex } from 'node:stream';

export class CertificateRefused extends Error {}

export class PinnedAgent extends https.Agent {
  // No keep-alive: a request on a socket the terminal has dropped could not be told "never sent" from "lost".
  constructor(private readonly pin: string) { super({ keepAlive: false, maxSockets: 4 }); }

  override createConnection(options: http.ClientRequestArgs, done?: (err: Error | null, stream: Duplex) => void): undefined {
    const host = String(options.host ?? options.hostname ?? '');
    const sock = tls.connect({ host, port: Number(options.port ?? 443), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      if (err) { sock.destroy(); done?.(err, sock); } else done?.(null, sock);
    };
    sock.once('error', (e) => finish(e));
    sock.once('secureConnect', () => {
      const fp = (sock.getPeerCertificate().fingerprint256 ?? '').replace(/:/g, '').toLowerCase();
      finish(fp === this.pin ? null : new CertificateRefused(`the terminal at ${host} shows a certificate (SHA-256 ${fp || 'none'}) other than the pinned one; nothing was sent`));
    });
    return undefined;
  }
}
