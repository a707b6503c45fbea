// The OS print spooler (CUPS `lp`) as a one-way port: each job is one raw `lp` submission.
// The spooler cannot carry DLE EOT replies, so status is what `lpstat` says about the queue.
import { spawn } from 'node:child_process';
import { PrinterNotReady } from './errors';
import type { PrinterPort } from './port';
import type { PrinterFlags } from './status';

export interface SpoolerSettings {
  /** CUPS queue name. */
  printer: string;
  /** Commands, settable for systems where they live elsewhere. */
  lpCommand?: string;
  lpstatCommand?: string;
  timeoutMs?: number;
}

interface Run { code: number | null; out: string; err: string }

function run(cmd: string, args: string[], input: Buffer | null, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${cmd} did not finish in ${timeoutMs} ms`)); }, timeoutMs);
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', (e) => { clearTimeout(timer); reject(e); });
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
    p.stdin.on('error', () => undefined);
    p.stdin.end(input ?? undefined);
  });
}

const READY: PrinterFlags = { offline: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: false, drawerPinHigh: false };

export class SpoolerPort implements PrinterPort {
  readonly twoWay = false;
  onLost: (() => void) | null = null;
  private opened = false;

  constructor(private readonly s: SpoolerSettings) {}

  get address(): string { return `spooler:${this.s.printer}`; }
  get isOpen(): boolean { return this.opened; }

  async open(): Promise<void> { await this.status(); this.opened = true; }
  async close(): Promise<void> { this.opened = false; }

  /** `lpstat -p NAME`: "printer NAME is idle.  enabled since …" or "… disabled since …". */
  async status(): Promise<PrinterFlags> {
    let r: Run;
    try {
      r = await run(this.s.lpstatCommand ?? 'lpstat', ['-p', this.s.printer], null, this.s.timeoutMs ?? 5000);
    } catch (e) {
      throw new PrinterNotReady('unreachable', null, `Print spooler not available: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.code !== 0) throw new PrinterNotReady('unreachable', null, `Spooler has no printer "${this.s.printer}": ${(r.err || r.out).trim()}`);
    if (/disabled/i.test(r.out)) return { ...READY, offline: true };
    return READY;
  }

  async write(bytes: Buffer): Promise<void> {
    let r: Run;
    try {
      r = await run(this.s.lpCommand ?? 'lp', ['-d', this.s.printer, '-o', 'raw', '-s'], bytes, this.s.timeoutMs ?? 5000);
    } catch (e) {
      throw new PrinterNotReady('unreachable', null, `Print spooler not available: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.code !== 0) throw new PrinterNotReady('unreachable', null, `Spooler refused the job: ${(r.err || r.out).trim()}`);
  }

  processed(): Promise<void> { return Promise.resolve(); }
}
