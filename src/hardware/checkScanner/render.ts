// The emulator's check: front and back drawn as a real personal check is laid out (ANSI X9.13: the
// MICR line in the clear band along the bottom, right-aligned to the amount field), 200 dpi.
import { formatCents } from '../../shared/money';
import { e13bSvg } from './e13b';
import { encodeG4, svgToGrey } from './tiff';

export interface CheckArt {
  /** The MICR line in T/U/A/D transliteration, as the reader would read it. */
  micr: string;
  amountCents: number;
  payer: string;
  payee: string;
  date: string;
  checkNumber: string;
  /** Lines printed on the back (an endorsement); empty leaves the back blank but for its printing. */
  endorsement?: string[];
  widthIn?: number;
  heightIn?: number;
  dpi?: number;
}

const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

export function frontSvg(a: CheckArt): { svg: string; width: number; height: number } {
  const dpi = a.dpi ?? 200, width = Math.round((a.widthIn ?? 6) * dpi), height = Math.round((a.heightIn ?? 2.75) * dpi);
  const f = (n: number): number => Math.round(n * dpi);
  // Position 1 of the MICR line is 5/16 in from the right edge; the amount field takes positions 1–12,
  // so a check not yet encoded ends its line at position 14. Baseline 3/16 in above the bottom edge.
  const micrRight = width - f(5 / 16) - 13 * f(1 / 8);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="#fff"/>
<g font-family="DejaVu Sans, sans-serif" fill="#000">
<text x="${f(0.3)}" y="${f(0.35)}" font-size="${f(0.13)}" font-weight="bold">${esc(a.payer)}</text>
<text x="${f(0.3)}" y="${f(0.5)}" font-size="${f(0.08)}">1200 MAIN STREET</text>
<text x="${width - f(0.9)}" y="${f(0.35)}" font-size="${f(0.13)}" font-weight="bold">${esc(a.checkNumber)}</text>
<text x="${width - f(2.2)}" y="${f(0.7)}" font-size="${f(0.1)}">DATE ${esc(a.date)}</text>
<text x="${f(0.3)}" y="${f(1.1)}" font-size="${f(0.08)}">PAY TO THE</text>
<text x="${f(0.3)}" y="${f(1.2)}" font-size="${f(0.08)}">ORDER OF</text>
<text x="${f(1.0)}" y="${f(1.18)}" font-size="${f(0.13)}">${esc(a.payee)}</text>
<rect x="${width - f(1.5)}" y="${f(0.98)}" width="${f(1.2)}" height="${f(0.26)}" fill="none" stroke="#000" stroke-width="${f(0.012)}"/>
<text x="${width - f(1.45)}" y="${f(1.18)}" font-size="${f(0.14)}">$ ${esc(formatCents(a.amountCents).replace(/^\$/, ''))}</text>
<text x="${f(0.3)}" y="${f(1.55)}" font-size="${f(0.1)}">${esc(formatCents(a.amountCents))} ———————————————————— DOLLARS</text>
<text x="${f(0.3)}" y="${f(2.0)}" font-size="${f(0.08)}">FIRST COMMUNITY BANK</text>
<text x="${f(0.3)}" y="${f(2.1)}" font-size="${f(0.08)}">MEMO</text>
</g>
<g stroke="#000" stroke-width="${f(0.012)}" fill="none">
<line x1="${f(0.95)}" y1="${f(1.22)}" x2="${width - f(1.6)}" y2="${f(1.22)}"/>
<line x1="${f(0.3)}" y1="${f(1.6)}" x2="${width - f(0.6)}" y2="${f(1.6)}"/>
<line x1="${f(0.65)}" y1="${f(2.12)}" x2="${f(2.8)}" y2="${f(2.12)}"/>
<line x1="${width - f(2.6)}" y1="${f(2.12)}" x2="${width - f(0.3)}" y2="${f(2.12)}"/>
<path d="M ${width - f(2.4)} ${f(2.05)} c ${f(0.2)} -${f(0.25)} ${f(0.3)} ${f(0.1)} ${f(0.45)} -${f(0.05)} s ${f(0.2)} ${f(0.15)} ${f(0.4)} -${f(0.1)} s ${f(0.3)} ${f(0.12)} ${f(0.5)} 0"/>
</g>
${e13bSvg(a.micr, micrRight, height - f(3 / 16), dpi)}
</svg>`;
  return { svg, width, height };
}

export function backSvg(a: CheckArt): { svg: string; width: number; height: number } {
  const dpi = a.dpi ?? 200, width = Math.round((a.widthIn ?? 6) * dpi), height = Math.round((a.heightIn ?? 2.75) * dpi);
  const f = (n: number): number => Math.round(n * dpi);
  // The endorsement area is the 1.5 in at the trailing edge (the left side seen from the back).
  const lines = (a.endorsement ?? []).map((l, i) => `<text x="${f(0.2)}" y="${f(0.4) + i * f(0.14)}" font-size="${f(0.1)}">${esc(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="#fff"/>
<g font-family="DejaVu Sans, sans-serif" fill="#000">
<text x="${f(0.2)}" y="${f(0.2)}" font-size="${f(0.07)}">ENDORSE HERE</text>${lines}
<text x="${f(0.2)}" y="${height - f(0.25)}" font-size="${f(0.06)}">DO NOT WRITE, STAMP OR SIGN BELOW THIS LINE</text>
</g>
<line x1="${f(0.2)}" y1="${f(0.24)}" x2="${f(2.6)}" y2="${f(0.24)}" stroke="#000" stroke-width="${f(0.01)}"/>
<line x1="${f(0.2)}" y1="${height - f(0.4)}" x2="${f(2.6)}" y2="${height - f(0.4)}" stroke="#000" stroke-width="${f(0.01)}"/>
</svg>`;
  return { svg, width, height };
}

export interface CheckImages { front: Buffer; back: Buffer }

/** Both sides as TIFF Group 4 at the check's dpi. */
export async function renderCheckImages(a: CheckArt): Promise<CheckImages> {
  const dpi = a.dpi ?? 200;
  const side = async (s: { svg: string; width: number; height: number }): Promise<Buffer> => encodeG4(await svgToGrey(s.svg, s.width, s.height), s.width, s.height, dpi);
  const [front, back] = await Promise.all([side(frontSvg(a)), side(backSvg(a))]);
  return { front, back };
}
