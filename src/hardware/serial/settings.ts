// Serial port settings from a device's address and options: "serial:/dev/ttyUSB0?baud=9600&parity=none"
// with options (baudRate, dataBits, parity, stopBits, rtscts, xon) taking precedence over the query.

export const BAUD_RATES = [110, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400] as const;
export const PARITIES = ['none', 'even', 'odd', 'mark', 'space'] as const;
export type Parity = (typeof PARITIES)[number];

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
  /** RTS/CTS hardware flow control. */
  rtscts: boolean;
  /** XON/XOFF software flow control, both ways. */
  xon: boolean;
}

/** Bad settings (an admin's typing): the device stays 'missing' with this message until fixed. */
export class DeviceSettingsError extends Error {
  constructor(readonly setting: string, message: string) {
    super(message);
    this.name = 'DeviceSettingsError';
  }
}

type OptionValue = string | number | boolean;

/** True for addresses this module opens: serial:<path>, or a bare /dev/… or COMn path. */
export function isSerialAddress(address: string): boolean {
  return address.startsWith('serial:') || address.startsWith('/') || /^COM\d+$/i.test(address);
}

export function parseSerialAddress(address: string, options: Record<string, OptionValue> = {}): SerialSettings {
  let rest = address.trim();
  if (rest.startsWith('serial:')) rest = rest.slice('serial:'.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  const q = rest.indexOf('?');
  const path = decodeURIComponent(q >= 0 ? rest.slice(0, q) : rest);
  const query = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : '');
  if (!path || !(path.startsWith('/') || /^COM\d+$/i.test(path))) {
    throw new DeviceSettingsError('address', `"${address}" is not a serial port: write serial:/dev/ttyUSB0 (or serial:COM3).`);
  }
  const pick = (...names: string[]): OptionValue | undefined => {
    for (const n of names) if (options[n] !== undefined) return options[n];
    for (const n of names) { const v = query.get(n); if (v !== null) return v; }
    return undefined;
  };
  const int = (v: OptionValue | undefined, name: string, dflt: number): number => {
    if (v === undefined || v === '') return dflt;
    const n = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : NaN;
    if (!Number.isInteger(n)) throw new DeviceSettingsError(name, `${name} must be a whole number, not "${String(v)}".`);
    return n;
  };
  const bool = (v: OptionValue | undefined, name: string): boolean => {
    if (v === undefined || v === '') return false;
    if (typeof v === 'boolean') return v;
    if (/^(1|true|on|yes)$/i.test(String(v))) return true;
    if (/^(0|false|off|no)$/i.test(String(v))) return false;
    throw new DeviceSettingsError(name, `${name} must be on or off, not "${String(v)}".`);
  };

  const baudRate = int(pick('baudRate', 'baud'), 'baudRate', 9600);
  if (!(BAUD_RATES as readonly number[]).includes(baudRate)) {
    throw new DeviceSettingsError('baudRate', `Baud rate ${baudRate} is not a standard rate (${BAUD_RATES.join(', ')}).`);
  }
  const dataBits = int(pick('dataBits'), 'dataBits', 8);
  if (dataBits < 5 || dataBits > 8) throw new DeviceSettingsError('dataBits', `Data bits are 5 to 8, not ${dataBits}.`);
  const parity = String(pick('parity') ?? 'none').toLowerCase();
  if (!(PARITIES as readonly string[]).includes(parity)) throw new DeviceSettingsError('parity', `Parity is one of ${PARITIES.join(', ')}, not "${parity}".`);
  const stopRaw = pick('stopBits') ?? 1;
  const stopBits = Number(stopRaw);
  if (stopBits !== 1 && stopBits !== 1.5 && stopBits !== 2) throw new DeviceSettingsError('stopBits', `Stop bits are 1, 1.5 or 2, not "${String(stopRaw)}".`);
  return {
    path, baudRate, dataBits: dataBits as SerialSettings['dataBits'], parity: parity as Parity, stopBits,
    rtscts: bool(pick('rtscts'), 'rtscts'), xon: bool(pick('xon', 'xonxoff'), 'xon'),
  };
}

/** "9600 8N1" style summary for status lines. */
export function framing(s: SerialSettings): string {
  return `${s.baudRate} ${s.dataBits}${s.parity[0]!.toUpperCase()}${s.stopBits}`;
}
