// A decoded slip as an HTML page that looks like the paper: monospace, the printer's column width,
// bold and double-size runs, QR codes drawn from their data. Screenshotted to PNG for review.
import QRCode from 'qrcode';
import type { Slip, TextRun } from './events';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function run(r: TextRun): string {
  const style = [r.bold ? 'font-weight:700' : '', r.underline ? 'text-decoration:underline' : '', r.invert ? 'background:#000;color:#fff' : '',
    r.width > 1 || r.height > 1 ? `display:inline-block;transform:scale(${r.width},${r.height});transform-origin:left bottom;margin-right:${(r.width - 1) * r.text.length}ch` : ''].filter(Boolean).join(';');
  return style ? `<span style="${style}">${esc(r.text)}</span>` : esc(r.text);
}

export async function slipHtml(slip: Slip, columns: number, title = 'receipt'): Promise<string> {
  const rows: string[] = [];
  for (const item of slip.items) {
    switch (item.type) {
      case 'line': {
        const tall = Math.max(1, ...item.runs.map((r) => r.height));
        const body = item.runs.map(run).join('') || '&nbsp;';
        rows.push(`<div class="l" style="text-align:${item.align};height:${tall * 1.25}em;line-height:${tall * 1.25}em">${body}</div>`);
        break;
      }
      case 'feed': for (let i = 0; i < item.lines; i++) rows.push('<div class="l">&nbsp;</div>'); break;
      case 'qr': {
        const svg = await QRCode.toString(item.data, { type: 'svg', margin: 0, errorCorrectionLevel: item.ecLevel });
        const px = item.moduleSize * 25 * 1.5;
        rows.push(`<div class="code" style="width:${px}px;height:${px}px">${svg}</div>`);
        break;
      }
      case 'barcode': rows.push(`<div class="bars" title="${esc(item.symbology)}">${esc(item.data)}</div>`); break;
      default: rows.push(`<div class="l">[${esc(item.type)}]</div>`);
    }
  }
  for (const k of slip.kicks) rows.push(`<div class="kick">drawer kick: pin ${k.pin}, ${k.onMs} ms (${k.via})</div>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{margin:0;background:#d9d6cf;padding:24px;font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:15px}
.paper{width:${columns}ch;background:#fffdf8;padding:18px 16px 10px;box-shadow:0 2px 6px rgba(0,0,0,.25);white-space:pre;color:#111}
.l{white-space:pre;overflow:visible}
.code{margin:6px auto}.code svg{width:100%;height:100%}
.bars{margin:6px auto;width:70%;height:48px;background:repeating-linear-gradient(90deg,#111 0 2px,#fff 2px 3px,#111 3px 6px,#fff 6px 8px);color:transparent}
.kick{color:#8a3b12;font-size:12px;border-top:1px dashed #8a3b12;margin-top:6px}
.cut{border-top:2px dashed #999;margin-top:8px;text-align:center;color:#999;font-size:11px}
</style></head><body><div class="paper">${rows.join('')}${slip.cut ? '<div class="cut">✂ cut</div>' : ''}</div></body></html>`;
}
