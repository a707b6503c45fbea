// Hand-made outbox events shaped exactly like a station's (receiptRecord, session.opened), for hub tests.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../src/shared/canonical';
import type { WireEvent } from '../../src/shared/hubProtocol';

export function sessionEvent(stationId: string, seq: number, sessionId = `S-${stationId}`): WireEvent {
  return { eventId: randomUUID(), stationId, seq, kind: 'session.opened', at: '2026-11-20T16:00:00.000Z',
    data: { sessionId, stationId, cashierId: 'cashier', businessDay: '2026-11-20', floatCents: 15000, floatCounts: { '20': 5, '10': 5 } } };
}

export function receiptEvent(stationId: string, seq: number, receiptSeq: number, opts: { account?: string | null; code?: string; cents?: number; tender?: 'cash' | 'check' | 'card'; day?: string } = {}): WireEvent {
  const cents = opts.cents ?? 4250;
  const id = randomUUID();
  const account = opts.account === undefined ? '100000-64' : opts.account;
  const tender = opts.tender ?? 'cash';
  const tendered = tender === 'cash' ? Math.ceil(cents / 1000) * 1000 : cents;
  return {
    eventId: randomUUID(), stationId, seq, kind: 'receipt.posted', at: '2026-11-20T17:30:00.000Z',
    data: {
      id, receiptNumber: `${stationId}-${String(receiptSeq).padStart(6, '0')}`, stationId, seq: receiptSeq, sessionId: `S-${stationId}`, cashierId: 'cashier',
      businessDay: opts.day ?? '2026-11-20', createdAt: '2026-11-20T17:30:00.000Z', payerName: null,
      totalCents: cents, tenderedCents: tendered, changeCents: tendered - cents,
      lines: [{ lineNo: 1, revenueCode: opts.code ?? 'WATER', accountNumber: account, amountCents: cents, feeInputs: null, description: null }],
      tenders: [{ tenderNo: 1, kind: tender, amountCents: tendered, checkRouting: tender === 'check' ? '121000358' : null, checkAccount: tender === 'check' ? '12345' : null,
        checkNumber: tender === 'check' ? '1001' : null, micrRaw: null, cardBrand: tender === 'card' ? 'visa' : null, cardLast4: tender === 'card' ? '4242' : null,
        cardAuth: tender === 'card' ? 'A1' : null, reference: null }],
    },
  };
}

export const body = (events: WireEvent[]): string => JSON.stringify({ events: JSON.parse(`[${events.map((e) => canonicalJson(e)).join(',')}]`) as unknown });

export async function push(url: string, auth: string, events: WireEvent[] | string, headers: Record<string, string> = {}): Promise<{ status: number; json: { ackedSeq?: number; stored?: number; replayed?: number; error?: { code: string; message: string; expectedSeq?: number } } }> {
  const res = await fetch(`${url}/v1/sync/push`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', ...headers }, body: typeof events === 'string' ? events : body(events) });
  return { status: res.status, json: await res.json() as never };
}

/** The event naming a check tender's images (issue 16): what the hub lets its station upload. */
export function imagesEvent(stationId: string, seq: number, receiptId: string, front: string, back: string | null): WireEvent {
  return { eventId: randomUUID(), stationId, seq, kind: 'check.images', at: '2026-11-20T17:30:00.000Z',
    data: { receiptId, tenderNo: 1, scanId: randomUUID(), front, back, paperOnly: false, overrideBy: null } };
}
