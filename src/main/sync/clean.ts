// What the hub sends is text for receipts and screens, from a system the station does not control
// (and from data the hub held before it checked its imports): before it is stored, every name and
// address is one line with no control characters and no card number beyond its last four digits.
import type { PullResponse, WireException } from '../../shared/hubProtocol';
import { cleanText } from '../../shared/text';

/** The page with its text made safe, and how many fields had to change (the journal says so). */
export function cleanPage(page: PullResponse): { page: PullResponse; cleaned: number } {
  let cleaned = 0;
  const c = (s: string): string => { const out = cleanText(s); if (out !== s) cleaned++; return out; };
  const out: PullResponse = {
    ...page,
    accounts: page.accounts.map((a) => ({ ...a, name: c(a.name), serviceAddress: c(a.serviceAddress) })),
    revenueCodes: page.revenueCodes.map((r) => ({ ...r, nameEn: c(r.nameEn), nameEs: c(r.nameEs) })),
    users: page.users.map((u) => ({ ...u, name: c(u.name) })),
  };
  return { page: out, cleaned };
}

export function cleanExceptions(rows: WireException[]): WireException[] {
  return rows.map((x) => ({ ...x, detail: cleanText(x.detail), note: x.note === null ? null : cleanText(x.note) }));
}
