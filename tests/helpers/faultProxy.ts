// A loopback TCP proxy that misbehaves like a bad network between a station and the hub: per HTTP
// request it drops it (no answer), delays it, sends it to the hub twice, cuts it short, or lets the
// hub answer and cuts the answer. Decisions come from a seeded generator; counts say what happened.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { prng } from '../../src/main/station/demoData';

export type Fault = 'drop' | 'delay' | 'duplicate' | 'cutRequest' | 'cutResponse';
export type FaultPlan = Record<Fault, number> & { maxDelayMs: number; dropHoldMs: number };

export const ROUGH_NETWORK: FaultPlan = { drop: 0.04, delay: 0.1, duplicate: 0.08, cutRequest: 0.04, cutResponse: 0.08, maxDelayMs: 400, dropHoldMs: 5000 };

/** Where a complete request ends in `buf` (headers + Content-Length body), or -1. */
function requestEnd(buf: Buffer): number {
  const head = buf.indexOf('\r\n\r\n');
  if (head < 0) return -1;
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(buf.subarray(0, head).toString('latin1'));
  const end = head + 4 + (m ? Number(m[1]) : 0);
  return buf.length >= end ? end : -1;
}

export class FaultProxy {
  readonly counts: Record<Fault | 'clean' | 'refused', number> = { drop: 0, delay: 0, duplicate: 0, cutRequest: 0, cutResponse: 0, clean: 0, refused: 0 };
  /** Off while a test sets up (enrolment); on for the run. */
  faulty = true;
  private server: net.Server;
  private sockets = new Set<net.Socket>();
  private timers = new Set<NodeJS.Timeout>();
  private rand: () => number;

  constructor(private readonly target: { host: string; port: number }, private readonly plan: FaultPlan, seed = 7) {
    this.rand = prng(seed);
    this.server = net.createServer((client) => this.serve(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string { return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`; }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(s: net.Socket): net.Socket {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, ms);
    this.timers.add(t);
  }

  private pick(): Fault | 'clean' {
    if (!this.faulty) return 'clean';
    let r = this.rand();
    for (const f of ['drop', 'delay', 'duplicate', 'cutRequest', 'cutResponse'] as const) {
      if (r < this.plan[f]) return f;
      r -= this.plan[f];
    }
    return 'clean';
  }

  private serve(client: net.Socket): void {
    this.track(client);
    const upstream = this.track(net.connect(this.target.port, this.target.host));
    let pending = Buffer.alloc(0);
    let cutNextResponse = false;
    let dead = false;
    const kill = () => { dead = true; client.destroy(); upstream.destroy(); };
    // Only a refused connection counts: that is the hub being down, not a line cut while it stops.
    upstream.on('error', (e: NodeJS.ErrnoException) => { if (!dead) { if (e.code === 'ECONNREFUSED') this.counts.refused++; kill(); } });
    upstream.on('close', () => { if (!dead) { dead = true; client.destroy(); } });
    client.on('close', () => { if (!dead) { dead = true; upstream.destroy(); } });
    upstream.on('data', (chunk: Buffer) => {
      if (dead) return;
      if (cutNextResponse) {
        // The hub has answered (and committed); the station gets part of the answer, then a dead line.
        client.write(chunk.subarray(0, Math.floor(this.rand() * chunk.length)), () => kill());
        dead = true;
        return;
      }
      client.write(chunk);
    });
    // One request at a time per connection (fetch does not pipeline): decide a fault for each.
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = requestEnd(pending); end > 0 && !dead; end = requestEnd(pending)) {
        const req = pending.subarray(0, end);
        pending = pending.subarray(end);
        queue = queue.then(() => this.forward(req, upstream, kill, () => { cutNextResponse = true; }, () => dead));
      }
    });
  }

  private async forward(req: Buffer, upstream: net.Socket, kill: () => void, cutResponse: () => void, isDead: () => boolean): Promise<void> {
    if (isDead()) return;
    const fault = this.pick();
    this.counts[fault]++;
    switch (fault) {
      case 'drop':
        // Never forwarded, never answered: the station times out. The line is cleared later.
        this.later(this.plan.dropHoldMs, kill);
        return new Promise(() => undefined);
      case 'cutRequest':
        upstream.write(req.subarray(0, 1 + Math.floor(this.rand() * (req.length - 1))), () => kill());
        return;
      case 'delay':
        await new Promise<void>((resolve) => this.later(Math.floor(this.rand() * this.plan.maxDelayMs), resolve));
        if (!isDead()) upstream.write(req);
        return;
      case 'duplicate': {
        // The same bytes on a second connection: the hub sees the request twice, at once.
        const twin = this.track(net.connect(this.target.port, this.target.host));
        twin.on('data', () => undefined);
        twin.write(req);
        this.later(3000, () => twin.destroy());
        upstream.write(req);
        return;
      }
      case 'cutResponse':
        cutResponse();
        upstream.write(req);
        return;
      default:
        upstream.write(req);
    }
  }
}
