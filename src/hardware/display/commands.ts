// Epson-style customer display (VFD, 2×20) command set, the subset CivicTill uses, and the PC437
// encoding of the text (Spanish letters included; anything else falls back to its plain letter or '?').

export const COLS = 20;
export const ROWS = 2;

export const CMD = {
  /** ESC @: initialise (clears the screen, default modes). */
  init: [0x1b, 0x40],
  /** ESC t 0: character table PC437. */
  codePagePc437: [0x1b, 0x74, 0x00],
  /** US MD1: overwrite mode (no scrolling when a line is full). */
  overwrite: [0x1f, 0x01],
  /** US C 0: cursor not shown. */
  cursorOff: [0x1f, 0x43, 0x00],
  /** CLR: clear the screen, cursor home. */
  clear: [0x0c],
  /** US $ x y: cursor to column x (1–20), row y (1–2). */
  moveTo: (col: number, row: number): number[] => [0x1f, 0x24, col, row],
  /** US X n: brightness 1 (dim) to 4 (bright). */
  brightness: (n: number): number[] => [0x1f, 0x58, Math.min(4, Math.max(1, Math.round(n)))],
} as const;

const PC437: Record<string, number> = {
  'Ç': 0x80, 'ü': 0x81, 'é': 0x82, 'â': 0x83, 'ä': 0x84, 'à': 0x85, 'ç': 0x87, 'ê': 0x88, 'è': 0x8a,
  'ï': 0x8b, 'î': 0x8c, 'Ä': 0x8e, 'É': 0x90, 'ô': 0x93, 'ö': 0x94, 'û': 0x96, 'ù': 0x97, 'Ö': 0x99,
  'Ü': 0x9a, '¢': 0x9b, '£': 0x9c, 'á': 0xa0, 'í': 0xa1, 'ó': 0xa2, 'ú': 0xa3, 'ñ': 0xa4, 'Ñ': 0xa5,
  'ª': 0xa6, 'º': 0xa7, '¿': 0xa8, '¡': 0xad, 'å': 0x86, 'ì': 0x8d, 'Å': 0x8f, 'æ': 0x91, 'Æ': 0x92,
  'ò': 0x95, 'ÿ': 0x98, '¥': 0x9d, '¬': 0xaa, '½': 0xab, '¼': 0xac, '«': 0xae, '»': 0xaf, 'ß': 0xe1,
  '°': 0xf8, '±': 0xf1, '·': 0xfa,
};
export const PC437_DECODE: Record<number, string> = Object.fromEntries(Object.entries(PC437).map(([ch, b]) => [b, ch]));

/** One byte per character: ASCII as is, PC437 letters, accents dropped otherwise, '?' for the rest. */
export function encodePc437(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f) { out.push(c); continue; }
    const mapped = PC437[ch];
    if (mapped !== undefined) { out.push(mapped); continue; }
    const base = ch.normalize('NFD')[0]!;
    const b = base.codePointAt(0)!;
    out.push(b >= 0x20 && b < 0x7f ? b : 0x3f);
  }
  return out;
}

/** Exactly COLS characters: cut or padded with spaces. */
export function fitLine(text: string): string {
  const chars = [...text.replace(/[\r\n\t]/g, ' ')];
  return chars.length >= COLS ? chars.slice(0, COLS).join('') : text.replace(/[\r\n\t]/g, ' ') + ' '.repeat(COLS - chars.length);
}

/** The bytes that put two lines on the screen in place (no clear, so no flicker). */
export function screenBytes(line1: string, line2: string): number[] {
  return [...CMD.moveTo(1, 1), ...encodePc437(fitLine(line1)), ...CMD.moveTo(1, 2), ...encodePc437(fitLine(line2))];
}
