// The terminal's settings: address, POIID, key identifier and version, and the pinned certificate in
// the station's settings; the shared passphrase, a secret, in a file only the station's user can read
// (beside the database, mode 0600), never in SQLite, never in a view.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TerminalSettingsView } from '../../../shared/contract/card';
import type { ParsedInputOf } from '../../../shared/api';
import type { UserView } from '../../../shared/views';
import { normaliseFingerprint } from '../../../shared/tlsFingerprint';
import type { Station } from '../station';

interface Stored { enabled: boolean; url: string; poiId: string; keyIdentifier: string; keyVersion: number; certificatePin: string }

const DEFAULTS: Stored = { enabled: false, url: 'https://192.168.1.50:8443/nexo', poiId: '', keyIdentifier: '', keyVersion: 1, certificatePin: '' };

function stored(station: Station): Stored {
  const row = station.st.sqlGet<{ value: string }>("SELECT value FROM settings WHERE key = 'cardTerminal'");
  return { ...DEFAULTS, ...(row ? JSON.parse(row.value) as Partial<Stored> : {}) };
}

function secretsPath(station: Station): string {
  return join(dirname(station.db.sqlite.name), 'secrets', 'terminal.json');
}

export function terminalPassphrase(station: Station): string | null {
  const p = secretsPath(station);
  if (!existsSync(p)) return null;
  return (JSON.parse(readFileSync(p, 'utf8')) as { passphrase?: string }).passphrase ?? null;
}

function writeSecret(station: Station, passphrase: string): void {
  const p = secretsPath(station);
  mkdirSync(dirname(p), { recursive: true, mode: 0o700 });
  const tmp = `${p}.tmp`;
  writeFileSync(tmp, JSON.stringify({ passphrase }), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, p);
}

export function terminalSettings(station: Station): TerminalSettingsView & { stored: Stored } {
  const s = stored(station);
  return { ...s, passphraseSet: terminalPassphrase(station) !== null, stored: s };
}

export function terminalSettingsView(station: Station): TerminalSettingsView {
  const { stored: _s, ...view } = terminalSettings(station);
  return view;
}

export function saveTerminalSettings(station: Station, user: UserView, patch: ParsedInputOf<'card.updateSettings'>): TerminalSettingsView {
  const { passphrase, ...rest } = patch;
  if (passphrase !== undefined) writeSecret(station, passphrase);
  const next: Stored = { ...stored(station), ...rest, ...(rest.certificatePin ? { certificatePin: normaliseFingerprint(rest.certificatePin) ?? '' } : {}) };
  const at = station.nowIso();
  station.commit(() => {
    station.st.sqlRun("INSERT INTO settings(key, value) VALUES ('cardTerminal', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", JSON.stringify(next));
    // The passphrase is never journaled: only that it changed.
    station.record('card.terminalConfigured', station.stationId, { userId: user.id, ...next, passphraseChanged: passphrase !== undefined }, at, { sync: false });
  });
  return terminalSettingsView(station);
}
