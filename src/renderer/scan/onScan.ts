// A scan at the till (keyboard wedge or serial scanner): one of our receipts opens for reprint or void;
// a bill stub is read by the station and becomes a line — after a confirmation when it is on this
// receipt already or was paid today, followed by the late penalty's offer when it is past due.
import type { StubScanView } from '../../shared/contract/stubs';
import { isReceiptNumber, parseStub, stubKey, type StubFormat } from '../../shared/stubs';
import type { BurstKind } from './wedge';
import i18n from '../i18n';
import { errorText } from '../errors';
import { focusId } from '../focus';
import { money } from '../format';
import { useApp } from '../store/app';
import { useCatalog } from '../store/catalog';
import { useSale } from '../store/sale';
import { useScan } from '../store/scan';
import { useTillUi } from '../store/tillUi';
import { call } from '../transport';

const t = (k: string, o?: Record<string, unknown>): string => String((i18n.t as unknown as (key: string, opts?: Record<string, unknown>) => string)(k, o));

export async function handleScan(text: string): Promise<void> {
  const app = useApp.getState();
  if (!app.user || app.locked) return;
  const raw = text.trim();
  if (isReceiptNumber(raw)) {
    const r = await call('receipt.get', { receiptNumber: raw });
    if (!r.ok) { app.notify('error', () => errorText(r.error, useApp.getState().lang)); return; }
    useScan.getState().set({ receipt: r.value });
    useTillUi.getState().open('receiptFound');
    return;
  }
  const r = await call('stubs.scan', { raw });
  if (!r.ok) { app.notify('error', () => errorText(r.error, useApp.getState().lang)); return; }
  const scan = r.value;
  const onReceipt = useSale.getState().lines.some((l) => l.stub?.key === stubKey(scan.stub));
  if (onReceipt || scan.paidToday.length > 0) {
    useScan.getState().set({ pending: { scan, onReceipt } });
    useTillUi.getState().open('stubDuplicate');
    return;
  }
  addStubLine(scan);
}

/** What a burst says, by the city's formats (the station reads it again when it is a stub). */
export function classifyBurst(text: string, formats: readonly StubFormat[]): BurstKind {
  if (isReceiptNumber(text)) return 'receipt';
  const r = parseStub(text, formats);
  return r.ok || r.fault !== 'noFormat' ? 'stub' : 'none';
}

export function noise(): void {
  useApp.getState().notify('error', () => t('scan.noise'));
}

export function cutShort(): void {
  useApp.getState().notify('error', () => t('scan.cutShort'));
}

/** The stub's line: its revenue code, account and amount due (editable on the line). */
export function addStubLine(scan: StubScanView): void {
  const s = scan.stub;
  useSale.getState().addLine({
    revenueCode: scan.revenueCode.code, nameEn: scan.revenueCode.nameEn, nameEs: scan.revenueCode.nameEs,
    accountNumber: scan.account.accountNumber, accountName: scan.account.name, amountCents: s.amountCents,
    stub: { raw: s.raw, key: stubKey(s), dueDate: s.dueDate, billNumber: s.billNumber, amountDueCents: s.amountCents },
  });
  useApp.getState().notify('info', () => t('scan.added', { account: s.accountNumber, amount: money(s.amountCents, useApp.getState().lang) }));
  if (scan.late) {
    useScan.getState().set({ late: { scan } });
    useTillUi.getState().open('latePenalty');
    return;
  }
  useTillUi.getState().close();
  focusId('tender-amount');
}

/** The late penalty as its own line, computed by the station from the stub's amount and months past due. */
export function addLatePenalty(scan: StubScanView): void {
  const late = scan.late!;
  const code = useCatalog.getState().codes.find((c) => c.code === late.revenueCode);
  useSale.getState().addLine({
    revenueCode: late.revenueCode, nameEn: code?.nameEn ?? late.revenueCode, nameEs: code?.nameEs ?? late.revenueCode,
    accountNumber: scan.account.accountNumber, accountName: scan.account.name, amountCents: late.amountCents,
    feeInputs: { baseCents: late.baseCents, monthsPastDue: late.monthsPastDue }, ...(code ? { rule: code.rule } : {}),
  });
}
