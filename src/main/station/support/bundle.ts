// The support bundle: versions, settings (no secret: the hub link without its secret, bank account to
// its last four), device settings, `verify` output and the newest part of the log files. Everything
// passes through redact() on the way out.
import { readFileSync, statSync } from 'node:fs';
import { redact } from '../../../shared/redact';
import type { SupportBundleView } from '../../../shared/contract/support';
import { SCHEMA_VERSION } from '../../db/open';
import { logOf } from '../log/stationLog';
import type { Station } from '../station';
import { verifyLedger } from '../verify';

/** The newest log lines, up to this many bytes in all. */
const LOG_BYTES = 2 * 1024 * 1024;

function logTail(station: Station): string[] {
  const files = logOf(station)?.file.files() ?? [];
  const out: string[] = [];
  let left = LOG_BYTES;
  for (const f of files) {
    if (left <= 0) break;
    const size = statSync(f).size;
    const text = readFileSync(f, 'utf8');
    const part = size > left ? text.slice(text.length - left) : text;
    left -= Buffer.byteLength(part);
    out.unshift(...part.split('\n').filter(Boolean));
  }
  return out;
}

export function supportBundle(station: Station, by: string): SupportBundleView {
  const at = station.nowIso();
  const settings = Object.fromEntries(station.st.sqlAll<{ key: string; value: string }>('SELECT key, value FROM settings').map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const bank = station.config.depositBank;
  settings.depositBank = { name: bank.name, routing: bank.routing, account: bank.account ? `…${bank.account.slice(-4)}` : '' };
  const hub = station.st.sqlGet<{ hub_url: string; station_id: string; enrolled_at: string; tls_pin: string | null }>('SELECT hub_url, station_id, enrolled_at, tls_pin FROM hub_link WHERE id = 1') ?? null;
  const devices = station.st.sqlAll<{ device_id: string; kind: string; address: string; options: string; enabled: number }>('SELECT device_id, kind, address, options, enabled FROM device_settings ORDER BY position')
    .map((d) => ({ ...d, options: JSON.parse(d.options) as unknown }));
  const sync = station.st.sqlAll<{ key: string; value: string }>('SELECT key, value FROM sync_state');
  const verify = verifyLedger(station);
  const bundle = {
    made: { at, by, stationId: station.stationId },
    versions: { app: process.env.npm_package_version ?? null, schema: SCHEMA_VERSION, node: process.version, electron: process.versions.electron ?? null, platform: `${process.platform} ${process.arch}` },
    settings, hub, devices, sync: Object.fromEntries(sync.map((r) => [r.key, r.value])),
    verify: { ok: verify.ok, summary: verify.summary },
    logs: logTail(station),
  };
  station.commit(() => station.record('support.bundle', by, { by, at }, at, { sync: false }));
  const day = at.slice(0, 10);
  return { filename: `civictill-support-${station.stationId}-${day}.json`, content: JSON.stringify(redact(bundle, -100), null, 2) };
}
