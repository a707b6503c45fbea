// Raw OS and driver errors ("connect ECONNREFUSED 127.0.0.1:9100", "Permission denied, cannot open
// /dev/ttyUSB0") sorted into the few causes a person at the counter can act on. Used for devices
// (src/hardware) and the hub link (src/main/sync); no Node import, so it lives here.
import { msg, type StationMessage } from './messages';

export const LINK_FAULTS = ['unreachable', 'notFound', 'permission', 'timeout', 'busy', 'deviceFault', 'other'] as const;
export type LinkFault = (typeof LINK_FAULTS)[number];

/** OS error codes by cause. DNS failures count as "not answering": the fix is the same (network, address). */
const BY_CODE: Record<string, LinkFault> = {
  ECONNREFUSED: 'unreachable', EHOSTUNREACH: 'unreachable', ENETUNREACH: 'unreachable', EHOSTDOWN: 'unreachable', ENETDOWN: 'unreachable',
  ECONNRESET: 'unreachable', EPIPE: 'unreachable', ENOTFOUND: 'unreachable', EAI_AGAIN: 'unreachable', ECONNABORTED: 'unreachable',
  ENOENT: 'notFound', ENODEV: 'notFound', ENXIO: 'notFound', ENOTDIR: 'notFound',
  EACCES: 'permission', EPERM: 'permission',
  ETIMEDOUT: 'timeout', ESOCKETTIMEDOUT: 'timeout', UND_ERR_CONNECT_TIMEOUT: 'timeout',
  EBUSY: 'busy',
  EIO: 'deviceFault',
};

/** Phrases drivers and libraries use without a code (serialport, our own drivers, fetch). */
const BY_TEXT: [RegExp, LinkFault][] = [
  [/permission denied|access (is )?denied|not permitted/i, 'permission'],
  [/no such file|not found|does not exist|device is gone|cannot find/i, 'notFound'],
  [/timed? ?out|no answer (within|from)|did not finish in/i, 'timeout'],
  [/resource (temporarily unavailable|busy)|cannot lock port|in use/i, 'busy'],
  [/input\/output error|hardware fault/i, 'deviceFault'],
  [/refused|unreachable|cannot be reached|not reachable|connection (was )?(reset|lost|closed)/i, 'unreachable'],
];

const CODE_IN_TEXT = /\b(E[A-Z]{2,}(?:_[A-Z]+)*)\b/g;

function codesOf(e: unknown, depth = 0): string[] {
  if (typeof e !== 'object' || e === null || depth > 3) return [];
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof o.code === 'string' ? [o.code] : [];
  // fetch() puts the socket error in `cause`; a connect to "localhost" tries each address (AggregateError).
  const nested = [o.cause, ...(Array.isArray(o.errors) ? o.errors : [])].flatMap((x) => codesOf(x, depth + 1));
  return [...own, ...nested];
}

function textOf(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return `${e.name === 'TimeoutError' ? 'timed out ' : ''}${e.message}`;
  return String(e);
}

/** The cause of a failure, from an Error (its code, its cause's code) or from the text a driver reported. */
export function classifyLinkError(e: unknown): LinkFault {
  for (const c of codesOf(e)) if (BY_CODE[c]) return BY_CODE[c];
  const text = textOf(e);
  for (const m of text.matchAll(CODE_IN_TEXT)) if (BY_CODE[m[1]!]) return BY_CODE[m[1]!]!;
  for (const [re, fault] of BY_TEXT) if (re.test(text)) return fault;
  return 'other';
}

/** A device address as a person reads it: "tcp://10.0.0.5:9100" → "10.0.0.5:9100", "serial:/dev/ttyUSB0?baud=9600" → "/dev/ttyUSB0". */
export function placeOf(address: string): string {
  return address.trim().replace(/^(tcp|serial|spooler):(\/\/)?/i, '').replace(/\?.*$/, '');
}

/** A link failure as a message for the cashier: the cause's code, with where. */
export function linkMessage(e: unknown, address: string): StationMessage {
  return msg(`link.${classifyLinkError(e)}`, { address: placeOf(address) });
}
