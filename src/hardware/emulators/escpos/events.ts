// What the emulated printer did with the bytes it received: the decoded "paper" and its side effects.

export type Align = 'left' | 'center' | 'right';

/** A run of characters printed with one style. width/height are the character magnification (1–8). */
export interface TextRun {
  text: string;
  bold: boolean;
  underline: boolean;
  invert: boolean;
  fontB: boolean;
  width: number;
  height: number;
}

export type EscPosEvent =
  /** One printed line. `wrapped` means the text ran past the paper width and the printer broke it itself. */
  | { type: 'line'; text: string; align: Align; runs: TextRun[]; wrapped: boolean }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'drawer'; pin: 2 | 5; onMs: number; offMs: number; via: 'ESC p' | 'DLE DC4' }
  | { type: 'codepage'; n: number; name: string }
  | { type: 'barcode'; symbology: string; data: string; hri: 'none' | 'above' | 'below' | 'both'; height: number; moduleWidth: number }
  | { type: 'qr'; data: string; model: number; moduleSize: number; ecLevel: 'L' | 'M' | 'Q' | 'H' }
  | { type: '2d'; symbology: string; data: string }
  | { type: 'image'; widthDots: number; heightDots: number }
  | { type: 'init' }
  /** GS ( H: the printer reached this point of the data and answered the host with the id. */
  | { type: 'processId'; id: string }
  /** GS r: paper or drawer status asked in sequence (answered when reached). */
  | { type: 'statusInSequence'; n: number; reply: number }
  /** ESC c 0: the paper printed on from here (the roll, the slip station, its validation slot). */
  | { type: 'paperSelect'; paper: 'roll' | 'slip' | 'validation'; n: number }
  /** ESC c 3 / ESC c 4: the sensors that signal paper end / stop the printing. */
  | { type: 'sensorSelect'; fn: 'paperEnd' | 'stopPrinting'; n: number }
  /** GS ( G fn=48: the face or the back of the slip. */
  | { type: 'slipSide'; side: 'face' | 'back' }
  /** ESC q: the slip released. */
  | { type: 'release' }
  | { type: 'unknown'; bytes: number[] };

/** Real-time traffic, answered on receipt even while the printer is offline. */
export type RealTimeEvent =
  | { type: 'status'; n: number; reply: number }
  | { type: 'drawer'; pin: 2 | 5; onMs: number; offMs: number; via: 'DLE DC4' }
  | { type: 'clearBuffers'; discardedBytes: number }
  | { type: 'slipStatus'; reply: number };

/** A form printed on the slip station: a stub validated on its face, a check endorsed on its back. */
export interface SlipForm {
  paper: 'slip' | 'validation';
  side: 'face' | 'back';
  /** What was printed on it, in the same shape as a roll slip (for rendering). */
  items: Extract<EscPosEvent, { type: 'line' | 'feed' }>[];
  text: string[];
  released: boolean;
  /** Taken out while the printer still had lines for it. */
  removedMidPrint: boolean;
}

/** Lines and codes between two cuts: one slip of paper as the customer gets it. */
export interface Slip {
  items: Extract<EscPosEvent, { type: 'line' | 'feed' | 'barcode' | 'qr' | '2d' | 'image' }>[];
  /** Only the text lines, in order. */
  text: string[];
  kicks: Extract<EscPosEvent, { type: 'drawer' }>[];
  /** False for what is still on the printer, not yet cut off. */
  cut: boolean;
}
