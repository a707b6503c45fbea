// Every image the ledger names: both sides of every scan (a posted tender's images are its scan's), so a
// copy of the database and a copy of the image folder go together (backup, restore). An image the hub
// confirmed holding may be gone from the folder (removed after the retention years: the city's copy is
// the hub's), and is then not looked for.
import type { Station } from '../station';

export interface NamedImage { sha256: string; atHub: boolean }

export function namedImages(station: Station): NamedImage[] {
  const rows = station.st.all<{ f: string; b: string | null }>(station.kysely.selectFrom('check_scans').select(['front_sha256 as f', 'back_sha256 as b']));
  const extra = station.st.all<{ f: string; b: string | null }>(station.kysely.selectFrom('tender_images').select(['front_sha256 as f', 'back_sha256 as b']));
  const all = new Set<string>();
  for (const r of [...rows, ...extra]) { all.add(r.f); if (r.b) all.add(r.b); }
  const atHub = new Set(station.st.all<{ sha256: string }>(station.kysely.selectFrom('image_confirmations').select('sha256')).map((r) => r.sha256));
  return [...all].sort().map((sha256) => ({ sha256, atHub: atHub.has(sha256) }));
}
