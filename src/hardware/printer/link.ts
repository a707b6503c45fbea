// Two-way byte links to a printer: a TCP socket (port 9100) or a serial port.
import { connect, type Socket } from 'node:net';
import type { SerialPort } from 'serialport';
import { loadSerialPort } from '../serial/loadSerialPort';

export interface ByteLink {
  readonly address: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
  /** Set by the owner: bytes from the printer, and the link going away. */
  onData: (chunk: Buffer) => void;
  onClose: () => void;
}

export class TcpLink implements ByteLink {
  onData: (chunk: Buffer) => void = () => undefined;
  onClose: () => void = () => undefined;
  private sock: Socket | null = null;

  constructor(readonly host: string, readonly port: number, private readonly connectTimeoutMs = 2000) {}

  get address(): string { return `tcp://${this.host}:${this.port}`; }
  get isOpen(): boolean { return this.sock !== null; }

  open(): Promise<void> {
    if (this.sock) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sock = connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no answer from ${this.address}`)); }, this.connectTimeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.setNoDelay(true);
        sock.setKeepAlive(true, 5000);
        this.sock = sock;
        sock.on('data', (d) => this.onData(d));
        sock.on('close', () => { if (this.sock === sock) { this.sock = null; this.onClose(); } });
        resolve();
      });
      sock.on('error', (e) => { clearTimeout(timer); if (this.sock !== sock) reject(e); });
    });
  }

  write(bytes: Buffer): Promise<void> {
    const sock = this.sock;
    if (!sock) return Promise.reject(new Error(`${this.address} is not connected`));
    return new Promise((resolve, reject) => sock.write(bytes, (e) => (e ? reject(e) : resolve())));
  }

  close(): Promise<void> {
    const sock = this.sock;
    this.sock = null;
    if (!sock) return Promise.resolve();
    return new Promise((resolve) => { sock.once('close', () => resolve()); sock.end(); setTimeout(() => { sock.destroy(); resolve(); }, 200).unref(); });
  }
}

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  rtscts?: boolean;
}

export class SerialLink implements ByteLink {
  onData: (chunk: Buffer) => void = () => undefined;
  onClose: () => void = () => undefined;
  private port: SerialPort | null = null;

  constructor(readonly settings: SerialSettings) {}

  get address(): string { return `serial:${this.settings.path}?baud=${this.settings.baudRate}`; }
  get isOpen(): boolean { return this.port?.isOpen ?? false; }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const s = this.settings;
    const SerialPort = await loadSerialPort();
    const port = new SerialPort({ path: s.path, baudRate: s.baudRate, dataBits: s.dataBits ?? 8, parity: s.parity ?? 'none', stopBits: s.stopBits ?? 1, rtscts: s.rtscts ?? false, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((e) => {
        if (e) { reject(e); return; }
        this.port = port;
        port.on('data', (d: Buffer) => this.onData(d));
        port.on('error', () => undefined);
        port.on('close', () => { if (this.port === port) { this.port = null; this.onClose(); } });
        resolve();
      });
    });
  }

  write(bytes: Buffer): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error(`${this.address} is not open`));
    return new Promise((resolve, reject) => {
      port.write(bytes, (e) => { if (e) reject(e); });
      port.drain((e) => (e ? reject(e) : resolve()));
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
