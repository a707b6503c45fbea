// Fixed-width X9 fields: numeric fields right-justified and zero-filled, text left-justified and
// blank-filled, blank fields all blanks. A value that does not fit is a bug upstream: it throws.
export const num = (v: number | string, size: number): string => {
  const s = String(v);
  if (!/^\d*$/.test(s) || s.length > size) throw new Error(`X9 numeric field of ${size}: ${s}`);
  return s.padStart(size, '0');
};
/** Upper case, printable, cut to size: names in X9 records. */
export const text = (v: string, size: number): string => v.toUpperCase().replace(/[^ -~]/g, ' ').slice(0, size).padEnd(size, ' ');
export const blank = (size: number): string => ' '.repeat(size);
/** Right-justified, blank-filled (on-us, sequence numbers: "NB" fields). */
export const right = (v: string, size: number): string => {
  if (v.length > size) throw new Error(`X9 field of ${size}: ${v}`);
  return v.padStart(size, ' ');
};

