// A hub certificate's SHA-256 fingerprint as a station keeps it (64 lowercase hex digits), as IT
// compares it with `openssl x509 -fingerprint -sha256` (AB:CD:…), and as the suffix an enrolment code
// carries (its first 120 bits in the code's alphabet, typed like the code itself). No Node import.

/** The enrolment code's alphabet: letters and digits without look-alikes (src/hub/auth.ts). */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Characters of a code proper, and of the fingerprint suffix (24 × 5 bits = 120 bits of the hash). */
export const CODE_LENGTH = 12;
export const PIN_SUFFIX_LENGTH = 24;

/** "AB:CD:…", "abcd…" or "sha256//…"-free hex: 64 lowercase hex digits, or null when it is not one. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.trim().toLowerCase().replace(/^sha-?256[:=\s]*/, '').replace(/[:\s]/g, '');
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** AB:CD:EF:… as openssl and browsers print it. */
export function displayFingerprint(hex: string): string {
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** The first 120 bits of the fingerprint in the code alphabet: what an enrolment code carries. */
export function fingerprintSuffix(hex: string): string {
  let bits = '';
  for (let i = 0; i < 30; i += 2) bits += parseInt(hex.slice(i, i + 2), 16).toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < PIN_SUFFIX_LENGTH * 5; i += 5) out += CODE_ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

/** ABCD-EFGH-JKLM, then the suffix in groups of four when there is one. */
export function formatEnrolmentCode(code: string, fingerprintHex?: string | null): string {
  const raw = code.toUpperCase().replace(/[\s-]/g, '') + (fingerprintHex ? fingerprintSuffix(fingerprintHex) : '');
  return raw.match(/.{1,4}/g)!.join('-');
}

/** What a person typed: the one-time code, and the fingerprint suffix when the code carries one. */
export function splitEnrolmentCode(typed: string): { code: string; pinSuffix: string | null } | null {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (![...raw].every((c) => CODE_ALPHABET.includes(c))) return null;
  if (raw.length === CODE_LENGTH) return { code: raw, pinSuffix: null };
  if (raw.length === CODE_LENGTH + PIN_SUFFIX_LENGTH) return { code: raw.slice(0, CODE_LENGTH), pinSuffix: raw.slice(CODE_LENGTH) };
  return null;
}
