// Lays a form out in ESC/POS with node-thermal-printer (its layout calls, our line breaks).
import * as nodeModule from 'node:module';
import type * as Ntp from 'node-thermal-printer';
import type { ThermalPrinter } from 'node-thermal-printer';
import type { PrintDoc } from '../forms/doc';
import { CODE_PAGE_NUMBER, encodeLine, type CodePageName } from './encoding';

// Required on first use, not at start-up: loading it costs ~60 ms on the way to serving the till,
// and a station without a receipt printer never needs it.
let ntp: typeof Ntp | undefined;
const thermal = (): typeof Ntp => (ntp ??= nodeModule.createRequire(import.meta.url)('node-thermal-printer') as typeof Ntp);

export type { CodePageName };

export interface RenderOptions {
  /** Character table for accents and ñ [PC850_MULTILINGUAL]. */
  codePage?: CodePageName;
  /** QR module size in dots [6 on 80 mm, 4 on 58 mm]. */
  qrCellSize?: number;
}

/**
 * A node-thermal-printer instance used as the layout engine. `iface` is the custom interface its
 * execute() hands the buffer to (see ntpInterface.ts); without one it only builds bytes.
 */
export function layoutEngine(columns: number, iface?: object): ThermalPrinter {
  const { BreakLine, PrinterTypes, ThermalPrinter } = thermal();
  return new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // A custom interface is any object with execute(); the typings only admit a string.
    interface: (iface ?? 'tcp://127.0.0.1:9') as string,
    width: columns,
    breakLine: BreakLine.NONE, // forms are laid out already; its folding does not know double width
    removeSpecialCharacters: false,
  });
}

/** Codes carry station-made data (receipt numbers); still, only printable ASCII goes into them. */
const codeData = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');

/**
 * Fills the engine's buffer with the form; clears whatever a previous job left there first. The job
 * selects its code page once; each text line is encoded here (encoding.ts), never by the engine, so
 * text is only ever text, and one line cannot change how the next prints.
 */
export function renderInto(tp: ThermalPrinter, doc: PrintDoc, opts: RenderOptions = {}): Buffer {
  const page = opts.codePage ?? 'PC850_MULTILINGUAL';
  tp.clear();
  tp.append(Buffer.of(0x1b, 0x40)); // ESC @: start from the printer's defaults
  tp.append(Buffer.of(0x1b, 0x74, CODE_PAGE_NUMBER[page])); // ESC t n
  for (const line of doc.lines) {
    switch (line.kind) {
      case 'text': {
        if (line.align === 'center') tp.alignCenter(); else if (line.align === 'right') tp.alignRight(); else tp.alignLeft();
        if (line.bold) tp.bold(true);
        if (line.big) tp.setTextSize(1, 1);
        tp.append(Buffer.concat([encodeLine(line.text, page, line.big ? Math.floor(doc.columns / 2) : doc.columns), Buffer.of(0x0a)]));
        if (line.big) tp.setTextSize(0, 0);
        if (line.bold) tp.bold(false);
        break;
      }
      case 'qr':
        tp.alignCenter();
        tp.printQR(codeData(line.data), { model: 2, cellSize: opts.qrCellSize ?? (doc.columns >= 48 ? 6 : 4), correction: 'M' });
        tp.newLine();
        tp.alignLeft();
        break;
      case 'barcode':
        tp.alignCenter();
        tp.printBarcode(codeData(line.data), 73, { hriPos: 0, hriFont: 0, width: 2, height: 60 });
        tp.newLine();
        tp.alignLeft();
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) tp.newLine();
        break;
    }
  }
  if (doc.cut) tp.partialCut({ verticalTabAmount: 1 });
  return tp.getBuffer();
}

/** The bytes of a form, from a fresh engine. */
export function renderEscPos(doc: PrintDoc, opts: RenderOptions = {}): Buffer {
  return renderInto(layoutEngine(doc.columns), doc, opts);
}
