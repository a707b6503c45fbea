// ESC/POS over a two-way link (TCP or serial): status by DLE EOT, completion by GS ( H, replies
// told apart by their bit patterns as the printer documents them.
import type { ByteLink } from './link';
import { PrinterNotReady } from './errors';
import type { PrinterPort } from './port';
import { slipStatusRequest, statusRequest } from './escpos';
import { isStatusByte, parseStatus, type PrinterFlags } from './status';

interface Waiter<T> { resolve(v: T): void; reject(e: Error): void }

export class EscPosChannel implements PrinterPort {
  readonly twoWay = true;
  onLost: (() => void) | null = null;
  private statusWaiters: Waiter<number>[] = [];
  private idWaiters = new Map<string, Waiter<void>[]>();
  private header: number[] | null = null;
  private asbSkip = 0;
  private discardUntil = 0;
  private opening: Promise<void> | null = null;

  constructor(private readonly link: ByteLink, private readonly statusTimeoutMs = 1500) {
    link.onData = (chunk) => this.read(chunk);
    link.onClose = () => this.lost();
  }

  get address(): string { return this.link.address; }
  get isOpen(): boolean { return this.link.isOpen; }

  open(): Promise<void> {
    if (this.link.isOpen) return Promise.resolve();
    this.opening ??= this.link.open().catch((e: unknown) => {
      throw new PrinterNotReady('unreachable', null, `Printer not reachable at ${this.address}: ${e instanceof Error ? e.message : String(e)}`);
    }).finally(() => { this.opening = null; });
    return this.opening;
  }

  close(): Promise<void> { return this.link.close(); }

  async status(): Promise<PrinterFlags> {
    await this.open();
    const replies = [1, 2, 3, 4].map(() => new Promise<number>((resolve, reject) => this.statusWaiters.push({ resolve, reject })));
    const timer = setTimeout(() => this.fail(new PrinterNotReady('notAnswering', null, `Printer at ${this.address} does not answer status requests`), true), this.statusTimeoutMs);
    try {
      await this.link.write(Buffer.concat([statusRequest(1), statusRequest(2), statusRequest(3), statusRequest(4)]));
      const [r1, r2, r3, r4] = await Promise.all(replies);
      return parseStatus(r1!, r2!, r3!, r4!);
    } catch (e) {
      if (e instanceof PrinterNotReady) throw e;
      throw new PrinterNotReady('unreachable', null, `Printer at ${this.address}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** DLE EOT 5: the slip station's sensors; its reply is a status byte like the others, answered in order. */
  async slipStatus(): Promise<number> {
    await this.open();
    const reply = new Promise<number>((resolve, reject) => this.statusWaiters.push({ resolve, reject }));
    const timer = setTimeout(() => this.fail(new PrinterNotReady('notAnswering', null, `Printer at ${this.address} does not answer the slip status request`), true), this.statusTimeoutMs);
    try {
      await this.link.write(slipStatusRequest());
      return await reply;
    } catch (e) {
      if (e instanceof PrinterNotReady) throw e;
      throw new PrinterNotReady('unreachable', null, `Printer at ${this.address}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async write(bytes: Buffer): Promise<void> {
    await this.open();
    await this.link.write(bytes);
  }

  processed(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.idWaiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.idWaiters.set(id, list);
    });
  }

  /** Rejects every pending wait; after a status timeout, late replies are dropped for a moment. */
  private fail(e: Error, statusOnly = false): void {
    for (const w of this.statusWaiters.splice(0)) w.reject(e);
    if (statusOnly) { this.discardUntil = Date.now() + 300; return; }
    for (const list of this.idWaiters.values()) for (const w of list) w.reject(e);
    this.idWaiters.clear();
  }

  private lost(): void {
    this.header = null;
    this.asbSkip = 0;
    this.fail(new PrinterNotReady('unreachable', null, `Lost the connection to the printer at ${this.address}`));
    this.onLost?.();
  }

  private read(chunk: Buffer): void {
    for (const b of chunk) {
      if (this.header) { // a "header … NUL" block response
        this.header.push(b);
        if (b === 0x00) { this.block(this.header); this.header = null; }
        else if (this.header.length > 80) this.header = null;
        continue;
      }
      if (this.asbSkip > 0) { this.asbSkip--; continue; }
      if (b === 0x37 || b === 0x3b || b === 0x3d || b === 0x5f) { this.header = [b]; continue; }
      if (isStatusByte(b)) { if (Date.now() >= this.discardUntil) this.statusWaiters.shift()?.resolve(b); continue; }
      if ((b & 0x93) === 0x10) { this.asbSkip = 3; continue; } // automatic status back: 4 bytes, not asked for
      // anything else (GS r replies, noise) is not for us
    }
  }

  private block(bytes: number[]): void {
    if (bytes[0] === 0x37 && bytes[1] === 0x22 && bytes.length === 7) {
      const id = String.fromCharCode(...bytes.slice(2, 6));
      const list = this.idWaiters.get(id);
      this.idWaiters.delete(id);
      for (const w of list ?? []) w.resolve();
    }
  }
}
