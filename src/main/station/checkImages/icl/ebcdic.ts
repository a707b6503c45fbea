// Text of an X9 record in EBCDIC (code page 037, as US banks use it) or ASCII, per the bank's profile.
// X9 text fields hold letters, digits, blanks and a little punctuation; anything else becomes '?'.
const CP037: Record<string, number> = {
  ' ': 0x40, '.': 0x4b, '<': 0x4c, '(': 0x4d, '+': 0x4e, '|': 0x4f, '&': 0x50, '!': 0x5a, $: 0x5b, '*': 0x5c, ')': 0x5d, ';': 0x5e,
  '-': 0x60, '/': 0x61, ',': 0x6b, '%': 0x6c, _: 0x6d, '>': 0x6e, '?': 0x6f, '`': 0x79, ':': 0x7a, '#': 0x7b, '@': 0x7c, "'": 0x7d,
  '=': 0x7e, '"': 0x7f, '~': 0xa1, '^': 0xb0, '[': 0xba, ']': 0xbb, '{': 0xc0, '}': 0xd0, '\\': 0xe0,
};
const ranges: [string, string, number][] = [['0', '9', 0xf0], ['A', 'I', 0xc1], ['J', 'R', 0xd1], ['S', 'Z', 0xe2], ['a', 'i', 0x81], ['j', 'r', 0x91], ['s', 'z', 0xa2]];
for (const [from, to, at] of ranges) for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) CP037[String.fromCharCode(c)] = at + c - from.charCodeAt(0);

export type TextEncoding = 'ebcdic' | 'ascii';

export function encodeText(s: string, enc: TextEncoding): Buffer {
  const out = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    out[i] = enc === 'ebcdic' ? (CP037[ch] ?? 0x6f) : (ch >= ' ' && ch <= '~' ? ch.charCodeAt(0) : 0x3f);
  }
  return out;
}
