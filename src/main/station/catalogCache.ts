// Revenue codes and fee schedules, cached in memory: every posting reads them, they change rarely.
// The cache is dropped when this process writes the catalogue (invalidateCatalog) or another
// connection commits anything (PRAGMA data_version moves).
import { feeRuleSchema, type FeeRule } from '../../shared/fees';
import type { RevenueCategory } from '../../shared/domain';
import type { RevenueCodesTable } from '../db/schema';
import type { Station } from './station';

export interface CatalogEntry {
  code: string;
  nameEn: string;
  nameEs: string;
  glAccount: string;
  category: RevenueCategory;
  requiresAccount: boolean;
  active: boolean;
  sort: number;
  /** Newest first. */
  schedules: { effectiveFrom: string; rule: FeeRule }[];
}

interface Cached { dataVersion: number; codes: Map<string, CatalogEntry> }
const caches = new WeakMap<Station, Cached>();

export function invalidateCatalog(station: Station): void {
  caches.delete(station);
}

export function catalog(station: Station): Map<string, CatalogEntry> {
  const dataVersion = station.st.sqlGet<{ data_version: number }>('PRAGMA data_version')!.data_version;
  const hit = caches.get(station);
  if (hit && hit.dataVersion === dataVersion) return hit.codes;
  const codes = new Map<string, CatalogEntry>();
  for (const r of station.st.sqlAll<RevenueCodesTable>('SELECT * FROM revenue_codes ORDER BY sort, code')) {
    codes.set(r.code, {
      code: r.code, nameEn: r.name_en, nameEs: r.name_es, glAccount: r.gl_account, category: r.category as RevenueCategory,
      requiresAccount: r.requires_account === 1, active: r.active === 1, sort: r.sort, schedules: [],
    });
  }
  for (const s of station.st.sqlAll<{ revenue_code: string; effective_from: string; rule: string }>('SELECT revenue_code, effective_from, rule FROM fee_schedules ORDER BY effective_from DESC')) {
    codes.get(s.revenue_code)?.schedules.push({ effectiveFrom: s.effective_from, rule: feeRuleSchema.parse(JSON.parse(s.rule)) });
  }
  // Built inside an open transaction it might hold rows that roll back: use it, don't keep it.
  if (!station.st.sqlite.inTransaction) caches.set(station, { dataVersion, codes });
  return codes;
}
