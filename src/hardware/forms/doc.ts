// A printed form before it meets a printer: lines already laid out for the paper width, plus codes.
// The ESC/POS renderer and the PDF writer both take this.

export type Align = 'left' | 'center' | 'right';

export type DocLine =
  /** `big` is double width and height: the text must fit in half the columns. */
  | { kind: 'text'; text: string; align?: Align; bold?: boolean; big?: boolean }
  | { kind: 'qr'; data: string }
  | { kind: 'barcode'; data: string }
  | { kind: 'feed'; lines: number };

export interface PrintDoc {
  /** Characters per line the form was laid out for (48 on 80 mm paper, 32 on 58 mm). */
  columns: number;
  lines: DocLine[];
  /** Cut the paper after the form. */
  cut: boolean;
}

/** 48 on 80 mm paper, 32 on 58 mm; 80 for letter-size PDF. */
export type Columns = 32 | 48 | 80;
export type Lang = 'en' | 'es';

/** What every form needs to know about where it is printed. */
export interface FormContext {
  columns: Columns;
  lang: Lang;
  city: { name: string; address: string };
  stationId: string;
  /** IANA zone the counter is in: printed times are local. */
  timeZone: string;
  /** How the receipt number is printed for scanning. */
  code: 'qr' | 'barcode' | 'none';
}
