// Printing and drawer settings of the station, one JSON value under "printing" in `settings`.
import { DEFAULT_PRINT_SETTINGS, type PrintSettings } from '../../shared/printing';
import type { Station } from '../station/station';

const KEY = 'printing';

export function printSettings(station: Station): PrintSettings {
  const row = station.st.sqlGet<{ value: string }>('SELECT value FROM settings WHERE key = ?', KEY);
  return { ...DEFAULT_PRINT_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<PrintSettings>) : {}) };
}

export function savePrintSettings(station: Station, patch: Partial<PrintSettings>): PrintSettings {
  const next = { ...printSettings(station), ...patch };
  station.st.sqlRun('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', KEY, JSON.stringify(next));
  return next;
}

/** The language a customer's slip is printed in. */
export function receiptLanguage(station: Station): 'en' | 'es' {
  const s = printSettings(station).receiptLanguage;
  return s === 'station' ? station.config.language : s;
}
