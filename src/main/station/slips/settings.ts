// Slip station settings (validation and endorsement), one JSON value under "slips" in `settings`.
import { DEFAULT_SLIP_SETTINGS, slipSettingsSchema, type SlipSettings } from '../../../shared/slips';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

const KEY = 'slips';

export function slipSettings(station: Station): SlipSettings {
  const row = station.st.sqlGet<{ value: string }>('SELECT value FROM settings WHERE key = ?', KEY);
  if (!row) return DEFAULT_SLIP_SETTINGS;
  return slipSettingsSchema.parse({ ...DEFAULT_SLIP_SETTINGS, ...(JSON.parse(row.value) as Partial<SlipSettings>) });
}

export function saveSlipSettings(station: Station, user: UserView, patch: Partial<SlipSettings>): SlipSettings {
  const next = slipSettingsSchema.parse({ ...slipSettings(station), ...patch });
  station.commit(() => {
    station.st.sqlRun('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', KEY, JSON.stringify(next));
    station.record('slips.configured', station.stationId, { userId: user.id, ...next }, station.nowIso(), { sync: false });
  });
  return next;
}
