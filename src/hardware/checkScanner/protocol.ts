// The image check scanner's wire protocol, after MagTek's MICRImage command reference (section 4,
// "Image specific commands"; images in TIFF, CCITT Group 4, 200 dpi; BINARY transfer: no length on the
// wire, the host asks IS for it first). Commands are ASCII ended by CR:
//   IS Sn<CR>   image status of side n (0 front, 1 back) → "LG1,<bytes>,<name><CR>", or "NN0,0,noname<CR>"
//   TI Sn<CR>   transmit side n → exactly <bytes> bytes of TIFF (BINARY protocol)
//   ESC E <lines ended by CR> ETX   endorse with the reader's printer → ACK, or NAK with no check
// Unsolicited, for each document fed: its MICR line ended by CR (MagTek transliteration T U $ -, '?'
// unreadable), or a fault line "!<code> <words><CR>". Side selection (Sn) is this driver's reading of
// Excella-class readers, which image both sides; a MICRImage images the front only (answer NN for S1).

export const CR = 0x0d, ESC = 0x1b, ETX = 0x03, ACK = 0x06, NAK = 0x15;

/** Fault codes the reader sends instead of a MICR line: a jam, two documents at once, no MICR found. */
export const SCAN_FAULT_CODES = { J: 'jam', D: 'doubleFeed', N: 'noMicr' } as const;
export type ScanFaultCode = keyof typeof SCAN_FAULT_CODES;
export type ScanFault = (typeof SCAN_FAULT_CODES)[ScanFaultCode];

export const imageStatusCommand = (side: 0 | 1): Buffer => Buffer.from(`IS S${side}\r`, 'latin1');
export const transmitImageCommand = (side: 0 | 1): Buffer => Buffer.from(`TI S${side}\r`, 'latin1');
export function endorseCommand(lines: string[]): Buffer {
  // Text a person typed reaches the printer as text: anything not printable ASCII becomes '?'.
  const text = lines.map((l) => l.replace(/[^\x20-\x7e]/g, '?') + '\r').join('');
  return Buffer.concat([Buffer.of(ESC, 0x45), Buffer.from(text, 'latin1'), Buffer.of(ETX)]);
}

/** "LG1,9726,IMAGE.TIF": compression G (Group 4), 1 bit; its size in bytes. null: no image (NN0,0,…). */
export function parseImageStatus(line: string): { bytes: number } | null | 'bad' {
  const m = /^([LN])([GN])(\d),(\d+),(.*)$/.exec(line.trim());
  if (!m) return 'bad';
  if (m[1] === 'N' || m[4] === '0') return null;
  if (m[2] !== 'G' || m[3] !== '1') return 'bad';
  return { bytes: Number(m[4]) };
}

export function faultLine(code: ScanFaultCode): string {
  return `!${code} ${{ J: 'PAPER JAM', D: 'DOUBLE FEED', N: 'NO MICR' }[code]}`;
}
