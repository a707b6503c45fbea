// Character tables the emulator decodes with (ESC t n). Only the upper half differs from ASCII.
// Written out here rather than borrowed from the encoder's library, so a wrong table on either side shows.

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

// CP858 is CP850 with the euro sign where the dotless i was.
const CP858_HIGH = CP850_HIGH.slice(0, 0x55) + '€' + CP850_HIGH.slice(0x56);

// Windows-1252 is Latin-1 but for 0x80–0x9F, where it has printable characters (’ “ ” – — € …) in
// place of the C1 controls; '?' where it defines nothing. (Node's TextDecoder, without full ICU,
// decodes it as Latin-1, which would show those bytes as controls.)
const CP1252_HIGH =
  '€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ' +
  Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

export interface CodePage { n: number; name: string; decode(byte: number): string }

function table(n: number, name: string, high: string): CodePage {
  const chars = [...high];
  if (chars.length !== 128) throw new Error(`code page ${name}: ${chars.length} characters, expected 128`);
  return { n, name, decode: (b) => (b < 0x80 ? String.fromCharCode(b) : chars[b - 0x80]!) };
}

const PAGES: CodePage[] = [
  table(0, 'PC437', CP437_HIGH),
  table(2, 'PC850', CP850_HIGH),
  table(19, 'PC858', CP858_HIGH),
  table(16, 'WPC1252', CP1252_HIGH),
];

/** The table for ESC t n; an unknown page decodes its upper half as "?" so a wrong choice shows on paper. */
export function codePage(n: number): CodePage {
  return PAGES.find((p) => p.n === n) ?? { n, name: `page ${n}`, decode: (b) => (b < 0x80 ? String.fromCharCode(b) : '?') };
}
