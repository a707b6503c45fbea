// Every image the ledger names: both sides of every scan (a posted tender's images are its scan's), so a
// copy of the database and a copy of the image folder go together (backup, restore).
import type { Station } from '../station';

export function namedImages(station: Station): string[] {
  const rows = station.st.all<{ f: string; b: string | null }>(station.kysely.selectFrom('check_scans').select(['front_sha256 as f', 'back_sha256 as b']));
  const extra = station.st.all<{ f: string; b: string | null }>(station.kysely.selectFrom('tender_images').select(['front_sha256 as f', 'back_sha256 as b']));
  const all = new Set<string>();
  for (const r of [...rows, ...extra]) { all.add(r.f); if (r.b) all.add(r.b); }
  return [...all].sort();
}
