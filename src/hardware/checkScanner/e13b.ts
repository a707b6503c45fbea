// The E-13B MICR font drawn on a module grid: each character is 9 modules high and up to 7 wide
// (0.013 in a module, 0.117 in tall, 1/8 in pitch). The shapes keep E-13B's heavy lower strokes, so a
// check image shows a MICR line a person (and a MICR OCR) recognises. '#' is ink.
// Symbols: T transit, U on-us, A amount, D dash (MagTek's transliteration, as src/hardware/micr).

const G: Record<string, string[]> = {
  '0': ['.#####.', '.#...#.', '.#...#.', '.#...#.', '##...##', '##...##', '##...##', '##...##', '#######'],
  '1': ['..##...', '...#...', '...#...', '...#...', '...##..', '...##..', '...##..', '...##..', '..####.'],
  '2': ['######.', '.....#.', '.....#.', '.....#.', '######.', '##.....', '##.....', '##.....', '#######'],
  '3': ['#####..', '....#..', '....#..', '....#..', '.######', '.....##', '.....##', '.....##', '#######'],
  '4': ['.#.....', '.#.....', '.#.....', '.#..##.', '##..##.', '#######', '....##.', '....##.', '....##.'],
  '5': ['######.', '#......', '#......', '#......', '#######', '.....##', '.....##', '.....##', '#######'],
  '6': ['.####..', '.#.....', '.#.....', '.#.....', '#######', '##...##', '##...##', '##...##', '#######'],
  '7': ['#######', '.....##', '....##.', '...##..', '...##..', '...##..', '...##..', '...##..', '...##..'],
  '8': ['.#####.', '.#...#.', '.#...#.', '.#####.', '##...##', '##...##', '##...##', '##...##', '#######'],
  '9': ['#######', '#.....#', '#.....#', '#.....#', '#######', '....##.', '....##.', '....##.', '....##.'],
  T: ['##.....', '##..##.', '##..##.', '##.....', '##.....', '##.....', '##..##.', '##..##.', '##.....'],
  U: ['##..##.', '##..##.', '##..##.', '##..##.', '##..##.', '.......', '.......', '######.', '######.'],
  A: ['##.....', '##..##.', '##..##.', '.......', '..##...', '.......', '.##..##', '.##..##', '.....##'],
  D: ['.......', '##.....', '##.....', '.......', '.##....', '.##....', '.......', '..##...', '..##...'],
};

/** Pixels to two decimals (SVG coordinates, not money). */
const px = (v: number): string => String(Math.round(v * 100) / 100);

/** MagTek's '$' (amount) and '-' (dash) are the same symbols as A and D. */
const ALIAS: Record<string, string> = { $: 'A', '-': 'D' };

/** Characters the font draws; a space advances one pitch. */
export const E13B_CHARS = Object.keys(G);

/**
 * SVG rectangles drawing `line` with its last character's right edge at `right` (px) and its baseline
 * at `baseline` (px), at `dpi`. One rect per run of ink in a row, so the SVG stays small.
 */
export function e13bSvg(line: string, right: number, baseline: number, dpi: number): string {
  const mod = (0.013 * dpi), pitch = 0.125 * dpi, top = baseline - 9 * mod;
  const rects: string[] = [];
  const chars = [...line];
  chars.forEach((ch, i) => {
    const g = G[ALIAS[ch] ?? ch];
    const x0 = right - (chars.length - i) * pitch + (pitch - 7 * mod) / 2;
    if (!g) return;
    g.forEach((row, r) => {
      for (let c = 0; c < 7;) {
        if (row[c] !== '#') { c++; continue; }
        let e = c;
        while (e < 7 && row[e] === '#') e++;
        rects.push(`<rect x="${px(x0 + c * mod)}" y="${px(top + r * mod)}" width="${px((e - c) * mod)}" height="${px(mod)}"/>`);
        c = e;
      }
    });
  });
  return `<g fill="#000">${rects.join('')}</g>`;
}
