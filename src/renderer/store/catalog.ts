// Revenue codes of the business day, loaded once the cashier is signed in.
import { create } from 'zustand';
import type { RevenueCodeView } from '../../shared/views';
import { call } from '../transport';

interface CatalogState {
  codes: RevenueCodeView[];
  load(): Promise<void>;
}

export const useCatalog = create<CatalogState>((set) => ({
  codes: [],
  async load() {
    const r = await call('revenueCodes.list', {});
    if (r.ok) set({ codes: r.value });
  },
}));

/** The code a utility account's payment goes to: "payment on account", the first utility code. */
export function utilityCode(codes: readonly RevenueCodeView[]): RevenueCodeView | undefined {
  return codes.find((c) => c.category === 'utility' && c.rule.type === 'open');
}

export function codeName(c: { nameEn: string; nameEs: string }, lang: 'en' | 'es'): string {
  return lang === 'es' ? c.nameEs : c.nameEn;
}
