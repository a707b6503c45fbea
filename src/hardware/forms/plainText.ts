// A form as plain text lines (screen preview, logs): codes shown as their data in brackets.
import type { PrintDoc } from './doc';

export function slipLines(doc: PrintDoc): string[] {
  return doc.lines.flatMap((l) => {
    switch (l.kind) {
      case 'text': {
        const width = l.big ? Math.floor(doc.columns / 2) : doc.columns;
        const t = l.align === 'center' ? ' '.repeat(Math.max(0, Math.floor((width - l.text.length) / 2))) + l.text
          : l.align === 'right' ? l.text.padStart(width) : l.text;
        return [l.big ? [...t].join(' ') : t];
      }
      case 'qr': case 'barcode': return [`[${l.kind.toUpperCase()} ${l.data}]`];
      case 'feed': return Array.from({ length: l.lines }, () => '');
    }
  });
}
