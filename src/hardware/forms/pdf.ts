// Letter-size PDF of a form (the Z report and the deposit slip for the file and the bank): the same
// lines as on the slip, laid out 80 columns wide in Courier, with page numbers.
import * as nodeModule from 'node:module';
import type PDFKitDocument from 'pdfkit';
import QRCode from 'qrcode';

// Loaded when a PDF is asked for, not at start-up: pdfkit is large, and a bundle of the station (the
// crash test's child) cannot carry the font files it requires at run time.
const loadPdfKit = () => nodeModule.createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument;
import type { PrintDoc } from './doc';

const PT = 10;          // font size
const CHAR_W = PT * 0.6; // Courier advance width
const LINE_H = PT * 1.25;
const MARGIN = 54;       // 3/4 inch

export interface PdfResult { bytes: Buffer; pages: number }

export async function renderPdf(doc: PrintDoc, meta: { title: string; footer: string }): Promise<PdfResult> {
  const PDFDocument = loadPdfKit();
  const pdf = new PDFDocument({ size: 'LETTER', margin: MARGIN, bufferPages: true, info: { Title: meta.title, Producer: 'CivicTill' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  const width = doc.columns * CHAR_W;
  const left = (pdf.page.width - width) / 2;
  const bottom = pdf.page.height - MARGIN - LINE_H * 2;
  let y = MARGIN;
  const room = (h: number) => { if (y + h > bottom) { pdf.addPage(); y = MARGIN; } };

  for (const line of doc.lines) {
    if (line.kind === 'feed') { y += LINE_H * line.lines; continue; }
    if (line.kind === 'qr' || line.kind === 'barcode') {
      const size = 72;
      room(size + LINE_H);
      const png = await QRCode.toBuffer(line.data, { margin: 1, scale: 4, errorCorrectionLevel: 'M' });
      pdf.image(png, left + (width - size) / 2, y, { width: size, height: size });
      y += size + 4;
      continue;
    }
    const scale = line.big ? 2 : 1;
    room(LINE_H * scale);
    pdf.font(line.bold ? 'Courier-Bold' : 'Courier').fontSize(PT * scale);
    const w = line.text.length * CHAR_W * scale;
    const x = line.align === 'center' ? left + (width - w) / 2 : line.align === 'right' ? left + width - w : left;
    pdf.text(line.text, x, y, { lineBreak: false });
    y += LINE_H * scale;
  }

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.font('Courier').fontSize(8).text(`${meta.footer} - ${i + 1} / ${range.count}`, left, pdf.page.height - MARGIN - 10, { width, align: 'center', lineBreak: false });
  }
  pdf.end();
  await done;
  return { bytes: Buffer.concat(chunks), pages: range.count };
}
