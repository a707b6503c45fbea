// Printer settings → a printer device: tcp://host:9100, serial:/dev/ttyUSB0?baud=19200, spooler:Queue.
import type { DeviceConfig, DeviceFactory } from '../device';
import { EscPosChannel } from './channel';
import { SerialLink, TcpLink, type SerialSettings } from './link';
import type { PrinterPort } from './port';
import { ReceiptPrinter, type PrinterOptions } from './printer';
import type { CodePageName } from './render';
import { SpoolerPort } from './spooler';

type Options = DeviceConfig['options'];

const num = (o: Options, k: string): number | undefined => (typeof o?.[k] === 'number' ? o[k] : typeof o?.[k] === 'string' && /^\d+$/.test(o[k]) ? Number(o[k]) : undefined);
const str = (o: Options, k: string): string | undefined => (typeof o?.[k] === 'string' ? o[k] : undefined);

/** The port an address names; throws a RangeError worded for IT when it is not one. */
export function portFor(address: string, options: Options = {}): PrinterPort {
  const statusTimeoutMs = num(options, 'statusTimeoutMs');
  const tcp = /^tcp:\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(address);
  if (tcp) return new EscPosChannel(new TcpLink(tcp[1]!, Number(tcp[2] ?? 9100), num(options, 'connectTimeoutMs')), statusTimeoutMs);
  const serial = /^serial:([^?]+)(?:\?(.*))?$/i.exec(address);
  if (serial) {
    const q = new URLSearchParams(serial[2] ?? '');
    const s: SerialSettings = { path: serial[1]!, baudRate: Number(q.get('baud') ?? num(options, 'baudRate') ?? 9600) };
    const parity = q.get('parity'); if (parity === 'even' || parity === 'odd' || parity === 'none') s.parity = parity;
    const bits = Number(q.get('bits') ?? 8); if (bits === 7 || bits === 8) s.dataBits = bits;
    if (q.get('stop') === '2') s.stopBits = 2;
    if (q.get('rtscts') === '1' || q.get('rtscts') === 'true') s.rtscts = true;
    if (!Number.isInteger(s.baudRate) || s.baudRate <= 0) throw new RangeError(`${address}: baud must be a whole number`);
    return new EscPosChannel(new SerialLink(s), statusTimeoutMs);
  }
  const spool = /^spooler:(.+)$/i.exec(address);
  if (spool) {
    const lp = str(options, 'lpCommand'), lpstat = str(options, 'lpstatCommand');
    return new SpoolerPort({ printer: spool[1]!, ...(lp ? { lpCommand: lp } : {}), ...(lpstat ? { lpstatCommand: lpstat } : {}) });
  }
  throw new RangeError(`${address} is not a printer address (tcp://host:9100, serial:/dev/ttyUSB0?baud=19200 or spooler:QueueName)`);
}

const CODE_PAGES: CodePageName[] = ['PC437_USA', 'PC850_MULTILINGUAL', 'PC858_EURO', 'WPC1252'];

export function printerOptions(o: Options = {}): Partial<PrinterOptions> {
  const out: Partial<PrinterOptions> = {};
  const columns = num(o, 'columns'); if (columns === 32 || columns === 48) out.columns = columns;
  const cp = str(o, 'codePage'); if (cp && (CODE_PAGES as string[]).includes(cp)) out.codePage = cp as CodePageName;
  const completion = str(o, 'completion'); if (completion === 'processId' || completion === 'none') out.completion = completion;
  for (const k of ['pollMs', 'fastPollMs', 'jobPollMs', 'confirmMs', 'slipPollMs', 'slipRemoveMs'] as const) { const v = num(o, k); if (v !== undefined) out[k] = v; }
  return out;
}

export const createPrinter: DeviceFactory = (config) => new ReceiptPrinter(config.id, portFor(config.address, config.options), printerOptions(config.options));
