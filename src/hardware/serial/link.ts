// One open serial port: bytes in as 'data', writes that resolve once drained, and 'lost' when the port
// goes away underneath us (USB unplugged, pty closed) — as opposed to close(), which we asked for.
// serialport reports some losses itself (EBADF/ENXIO); others it does not: a pty whose other side
// closed reads end-of-file forever (serialport re-reads in a loop). So a watchdog also checks that the
// device node is still there and still the same one, and drops the port when it is not.
import { EventEmitter } from 'node:events';
import { stat, statSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import { loadSerialPort } from './loadSerialPort';
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
  private watchdog: NodeJS.Timeout | undefined;

  constructor(readonly settings: SerialSettings, private readonly watchMs = 500) { super(); }

  get isOpen(): boolean { return this.port?.isOpen ?? false; }

  describe(): string { return `${this.settings.path} at ${framing(this.settings)}`; }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const s = this.settings;
    const SerialPort = await loadSerialPort();
    const port = new SerialPort({
      path: s.path, baudRate: s.baudRate, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits,
      rtscts: s.rtscts, xon: s.xon, xoff: s.xon, autoOpen: false,
    });
    await new Promise<void>((ok, fail) => port.open((err) => {
      if (!err) { ok(); return; }
      const notFound = /ENOENT|No such file|cannot find/i.test(err.message);
      // The usual first-day problem on Linux: the station's user is not allowed to use serial ports.
      const denied = /EACCES|Permission denied/i.test(err.message) ? ' (add the station\'s user to the dialout group)' : '';
      fail(new SerialOpenError(notFound ? `No port at ${s.path}` : `Cannot open ${s.path}: ${err.message}${denied}`, notFound));
    }));
    this.closing = false;
    this.port = port;
    this.watch(port);
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // An 'error' without a listener would crash the process; the close that follows reports the loss.
    port.on('error', () => undefined);
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => this.drop(port, err ?? new Error('port closed')));
  }

  private watch(port: SerialPort): void {
    let id: { dev: number; ino: number; rdev: number } | undefined;
    try { const s = statSync(this.settings.path); id = { dev: s.dev, ino: s.ino, rdev: s.rdev }; } catch { /* COMn on Windows */ }
    if (!id) return;
    const was = id;
    this.watchdog = setInterval(() => {
      stat(this.settings.path, (err, s) => {
        if (err) { if (err.code === 'ENOENT' || err.code === 'ENOTDIR') this.drop(port, new Error('the device is gone')); return; }
        if (s.dev !== was.dev || s.ino !== was.ino || s.rdev !== was.rdev) this.drop(port, new Error('the device was replaced'));
      });
    }, this.watchMs);
    this.watchdog.unref();
  }

  /** The port is gone: close what is left of it once, and report the loss unless we were closing it. */
  private drop(port: SerialPort, err: Error): void {
    if (this.port !== port) return;
    this.port = undefined;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    if (port.isOpen) port.close(() => undefined);
    if (!this.closing) this.emit('lost', err);
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
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((ok) => port.close(() => ok()));
  }
}
