// Text as a printer prints it, before any line is measured: one character is one column. Whatever
// the text holds (stored by an older version, sent by the hub, decomposed by a keyboard), a line
// laid out from it is as wide on paper as it is here.

/** Characters that take no column: combining marks left over after NFC, zero-width and bidi controls. */
const NO_WIDTH = /[\p{M}\p{Cf}]/u;
/** C0 and C1 controls and DEL: printed as '?', so something visibly stood there and nothing drives the printer. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * NFC (a decomposed "José" is four columns, not five), line breaks and tabs as spaces, controls as
 * '?', characters outside the Basic Multilingual Plane (emoji, rare CJK) as '?'. The code page
 * decides later whether each of the rest prints as itself, transliterated, or as '?': one column either way.
 */
export function printable(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/\r\n|[\t\r\n\u2028\u2029]/g, ' ')) {
    if (ch.length > 1) out += '?'; // a surrogate pair
    else if (CONTROL.test(ch) || (ch >= '\ud800' && ch <= '\udfff')) out += '?'; // a control, or a lone surrogate
    else if (!NO_WIDTH.test(ch)) out += ch;
  }
  return out;
}
