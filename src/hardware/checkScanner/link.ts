// The scanner's byte link: a serial port (RS-232 or USB-serial, "serial:/dev/ttyUSB0?baud=115200") or
// Ethernet ("tcp://host:port"). Both give bytes in as 'data' and 'lost' when the far end goes away.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { SerialLink } from '../serial/link';
import { parseSerialAddress } from '../serial/settings';

export interface ByteLink extends EventEmitter<{ data: [Buffer]; lost: [Error] }> {
  open(): Promise<void>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  describe(): string;
}

export class TcpLink extends EventEmitter<{ data: [Buffer]; lost: [Error] }> implements ByteLink {
  private socket: Socket | undefined;
  constructor(readonly host: string, readonly port: number, private readonly timeoutMs = 5000) { super(); }
  describe(): string { return `tcp://${this.host}:${this.port}`; }
  open(): Promise<void> {
    return new Promise((ok, fail) => {
      const s = connect({ host: this.host, port: this.port });
      const t = setTimeout(() => { s.destroy(); fail(new Error(`No answer from ${this.describe()} within ${this.timeoutMs} ms`)); }, this.timeoutMs);
      s.once('error', (e) => { clearTimeout(t); fail(new Error(`Cannot reach ${this.describe()}: ${e.message}`)); });
      s.once('connect', () => {
        clearTimeout(t);
        s.removeAllListeners('error');
        s.setNoDelay(true);
        this.socket = s;
        s.on('data', (b: Buffer) => this.emit('data', b));
        s.on('error', () => undefined);
        s.on('close', () => { if (this.socket === s) { this.socket = undefined; this.emit('lost', new Error('connection closed')); } });
        ok();
      });
    });
  }
  close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s) return Promise.resolve();
    return new Promise((ok) => { s.once('close', () => ok()); s.end(); setTimeout(() => { s.destroy(); ok(); }, 500); });
  }
  write(bytes: Uint8Array): Promise<void> {
    const s = this.socket;
    if (!s) return Promise.reject(new Error(`${this.describe()} is not open`));
    return new Promise((ok, fail) => s.write(bytes, (e) => (e ? fail(e) : ok())));
  }
}

class SerialByteLink extends EventEmitter<{ data: [Buffer]; lost: [Error] }> implements ByteLink {
  private readonly link: SerialLink;
  constructor(address: string, options: Record<string, string | number | boolean>) {
    super();
    this.link = new SerialLink(parseSerialAddress(address, options));
    this.link.on('data', (b) => this.emit('data', b));
    this.link.on('lost', (e) => this.emit('lost', e));
  }
  describe(): string { return this.link.describe(); }
  open(): Promise<void> { return this.link.open(); }
  close(): Promise<void> { return this.link.close(); }
  write(bytes: Uint8Array): Promise<void> { return this.link.write(bytes); }
}

export function linkFor(address: string, options: Record<string, string | number | boolean> = {}): ByteLink {
  const m = /^tcp:\/\/([^:/]+):(\d{1,5})\/?$/.exec(address.trim());
  if (m) return new TcpLink(m[1]!, Number(m[2]));
  return new SerialByteLink(address, options);
}
