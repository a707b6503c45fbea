// One open serial port: bytes in as 'data', writes that resolve once drained, and 'lost' when the port
// goes away underneath us (USB unplugged, pty closed) — as opposed to close(), which we asked for.
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { framing, type SerialSettings } from './settings';

export class SerialOpenError extends Error {
  constructor(message: string, readonly notFound: boolean) {
    super(message);
    this.name = 'SerialOpenError';
  }
}

interface LinkEvents { data: [Buffer]; lost: [Error] }

export class SerialLink extends EventEmitter<LinkEvents> {
  private port: SerialPort | undefined;
  private closing = false;

  constructor(readonly settings: SerialSettings) { super(); }

  get isOpen(): boolean { return this.port?.isOpen ?? false; }

  describe(): string { return `${this.settings.path} at ${framing(this.settings)}`; }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const s = this.settings;
    const port = new SerialPort({
      path: s.path, baudRate: s.baudRate, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits,
      rtscts: s.rtscts, xon: s.xon, xoff: s.xon, autoOpen: false,
    });
    await new Promise<void>((ok, fail) => port.open((err) => {
      if (!err) { ok(); return; }
      const notFound = /ENOENT|No such file|cannot find/i.test(err.message);
      fail(new SerialOpenError(notFound ? `No port at ${s.path}` : `Cannot open ${s.path}: ${err.message}`, notFound));
    }));
    this.closing = false;
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // An 'error' without a listener would crash the process; the close that follows reports the loss.
    port.on('error', () => undefined);
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.port === port) this.port = undefined;
      if (!this.closing) this.emit('lost', err ?? new Error('port closed'));
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error(`${this.settings.path} is not open`);
    await new Promise<void>((ok, fail) => port.write(Buffer.from(bytes), (err) => (err ? fail(err) : ok())));
    await new Promise<void>((ok, fail) => port.drain((err) => (err ? fail(err) : ok())));
  }

  async close(): Promise<void> {
    const port = this.port;
    this.closing = true;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((ok) => port.close(() => ok()));
  }
}
