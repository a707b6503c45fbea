// The city's stub formats and the keyboard-wedge settings, one JSON value under "stubs" in `settings`;
// a new station has the two built-in formats (README "Bill stubs").
import type { StubSettingsView } from '../../../shared/contract/stubs';
import { BUILT_IN_STUB_FORMATS, DEFAULT_WEDGE, stubFormatSchema, wedgeSettingsSchema } from '../../../shared/stubs';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

const KEY = 'stubs';

export function stubSettings(station: Station): StubSettingsView {
  const row = station.st.sqlGet<{ value: string }>('SELECT value FROM settings WHERE key = ?', KEY);
  if (!row) return { formats: BUILT_IN_STUB_FORMATS, wedge: DEFAULT_WEDGE };
  const v = JSON.parse(row.value) as Partial<StubSettingsView>;
  // Stored settings are read through their schema: a value saved by an older build gets today's defaults.
  return {
    formats: (v.formats ?? BUILT_IN_STUB_FORMATS).map((f) => stubFormatSchema.parse(f)),
    wedge: wedgeSettingsSchema.parse(v.wedge ?? DEFAULT_WEDGE),
  };
}

/** An admin's change, journaled (not sent to the hub: it is this counter's setup). */
export function saveStubSettings(station: Station, user: UserView, patch: Partial<StubSettingsView>): StubSettingsView {
  const next = { ...stubSettings(station), ...patch };
  station.commit(() => {
    station.st.sqlRun('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', KEY, JSON.stringify(next));
    station.record('stubs.configured', station.stationId, { userId: user.id, ...next }, station.nowIso(), { sync: false });
  });
  return next;
}
