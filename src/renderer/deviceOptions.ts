// A device's options as IT keys them in settings: "columns=48, codePage=PC437". Whole numbers and
// true/false become numbers and booleans; everything else stays text. The station checks the values.
export type DeviceOptions = Record<string, string | number | boolean>;

export function formatOptions(o: DeviceOptions | undefined): string {
  return Object.entries(o ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

/** The options, or the first part that is not `name=value` (to show beside the field). */
export function parseOptions(text: string): { ok: true; options: DeviceOptions } | { ok: false; bad: string } {
  const options: DeviceOptions = {};
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(part);
    if (!m || m[2] === '') return { ok: false, bad: part };
    const v = m[2]!;
    options[m[1]!] = /^-?\d{1,9}$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return { ok: true, options };
}

/** The options each kind of device reads (src/hardware), shown as a hint beside the field. */
export const OPTION_HINTS: Record<string, string> = {
  printer: 'columns=48|32, codePage, completion=processId|none, baudRate, statusTimeoutMs, connectTimeoutMs, lpCommand',
  drawer: 'pin=2|5, onMs, offMs, openLevel=high|low|none',
  micr: 'symbols=magtek|upos|unicode|auto, endorser=true (it endorses checks)',
  tenkey: 'keymap',
  display: 'language=en|es, followPostings=true|false',
  scanner: 'staleMs (300), maxLength (400)',
};
