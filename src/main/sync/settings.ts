// The sync settings an admin sets: the city's CA file, trusted beside the system's CAs for a hub
// whose certificate is not pinned. Kept in `settings` under its own key; each change is journaled.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { SyncSettingsView } from '../../shared/contract/sync';
import { StationError } from '../../shared/errors';
import type { Station } from '../station/station';

const KEY = 'sync.hubCaFile';

export function getSyncSettings(station: Station): SyncSettingsView {
  const row = station.st.get<{ value: string }>(station.kysely.selectFrom('settings').select('value').where('key', '=', KEY));
  return { hubCaFile: row ? JSON.parse(row.value) as string | null : null };
}

/** The PEM text of a CA file, or why it cannot be used, in words for IT. */
function readCaFile(path: string): string {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`the city CA file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new Error(`the city CA file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  for (const b of blocks) {
    try { new X509Certificate(b); } catch { throw new Error(`the city CA file ${path} holds a certificate that does not parse`); }
  }
  return blocks.join('\n');
}

/** The city's CA certificates for a sync cycle (null when none is set); throws with the reason when the file went bad. */
export function cityCaPem(station: Station): string | null {
  const file = getSyncSettings(station).hubCaFile;
  return file ? readCaFile(file) : null;
}

export function updateSyncSettings(station: Station, by: string, patch: SyncSettingsView): SyncSettingsView {
  const file = patch.hubCaFile?.trim() || null;
  if (file) {
    if (!isAbsolute(file)) throw new StationError('INVALID_INPUT', { detail: `give the CA file's full path (${file} is relative)` }, 'hubCaFile');
    try { readCaFile(file); } catch (e) { throw new StationError('INVALID_INPUT', { detail: (e as Error).message }, 'hubCaFile'); }
  }
  station.commit(() => {
    const value = JSON.stringify(file);
    station.st.run(station.kysely.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
    station.record('settings.changed', 'sync', { by, changes: { hubCaFile: file } }, station.nowIso(), { sync: false });
  });
  return getSyncSettings(station);
}
