// Paid-in, paid-out (supervisor), drop (suggested amount), no-sale, reprint and void (supervisor).
// Each sends one request with its own client UUID; the station's error shows next to its field.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DenominationCounts } from '../../../shared/denominations';
import type { ReceiptView } from '../../../shared/views';
import { AmountInput } from '../../components/AmountInput';
import { CountSheet } from '../../components/CountSheet';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { SupervisorFields, type Approval } from '../../components/SupervisorFields';
import { TextInput } from '../../components/TextInput';
import { amountOf, EMPTY, keysFor, type AmountKeys } from '../../amountEntry';
import { errorAt, errorText, unclaimed, type FieldErrors } from '../../errors';
import { useAction } from '../../useAction';
import { money, time } from '../../format';
import { focusId } from '../../focus';
import { call } from '../../transport';
import { useApp } from '../../store/app';
import { useSale } from '../../store/sale';

interface Common { onClose(): void }

function Buttons({ busy, onClose, okId }: { busy: boolean; onClose(): void; okId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" id={okId} className="primary" disabled={busy}>{t('drawer.ok')}</button>
      <button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button>
    </div>
  );
}

function Form({ id, title, onClose, onSubmit, children }: { id: string; title: string; onClose(): void; onSubmit(): void; children: ReactNode }) {
  return (
    <Dialog id={id} title={title} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>{children}</form>
    </Dialog>
  );
}

function useTexts() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refreshSession);
  const txt = (errors: FieldErrors, ...p: string[]) => { const e = errorAt(errors, ...p); return e ? errorText(e, lang) : undefined; };
  return { t, lang, notify, refresh, txt };
}

export function PaidInDialog({ onClose }: Common) {
  const { t, lang, notify, refresh, txt } = useTexts();
  const a = useAction();
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [reason, setReason] = useState('');
  const submit = () => void a.run((id) => call('drawer.paidIn', { id, amountCents: amountOf(amount) ?? 0, reason }), (m) => {
    notify('info', t('drawer.paidInDone', { amount: money(m.amountCents, lang) })); void refresh(); onClose();
  }, { amountCents: 'pi-amount', reason: 'pi-reason' });
  const other = unclaimed(a.errors, ['amountCents', 'reason']);
  return (
    <Form id="paid-in" title={t('drawer.paidIn')} onClose={onClose} onSubmit={submit}>
      <AmountInput id="pi-amount" label={t('drawer.amount')} value={amount} onChange={(v) => { setAmount(v); a.setErrors({}); }} onEnter={() => focusId('pi-reason')} big autoFocus error={txt(a.errors, 'amountCents')} />
      <TextInput id="pi-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} maxLength={500} error={txt(a.errors, 'reason')} />
      <FieldError id="pi-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} />
    </Form>
  );
}

export function PaidOutDialog({ onClose }: Common) {
  const { t, lang, notify, refresh, txt } = useTexts();
  const a = useAction();
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const submit = () => void a.run((id) => call('drawer.paidOut', { id, amountCents: amountOf(amount) ?? 0, reason, approval }), (m) => {
    notify('info', t('drawer.paidOutDone', { amount: money(m.amountCents, lang), who: m.approvedBy ?? '' })); void refresh(); onClose();
  }, { amountCents: 'po-amount', reason: 'po-reason', 'approval.userId': 'po-sup-user', approval: 'po-sup-pin', pin: 'po-sup-pin' });
  const other = unclaimed(a.errors, ['amountCents', 'reason', 'approval', 'pin']);
  return (
    <Form id="paid-out" title={t('drawer.paidOut')} onClose={onClose} onSubmit={submit}>
      <AmountInput id="po-amount" label={t('drawer.amount')} value={amount} onChange={(v) => { setAmount(v); a.setErrors({}); }} onEnter={() => focusId('po-reason')} big autoFocus error={txt(a.errors, 'amountCents')} />
      <TextInput id="po-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} onEnter={() => focusId('po-sup-user')} maxLength={500} error={txt(a.errors, 'reason')} />
      <SupervisorFields id="po" value={approval} onChange={(v) => { setApproval(v); a.setErrors({}); }} errors={a.errors} />
      <FieldError id="po-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} />
    </Form>
  );
}

export function DropDialog({ onClose }: Common) {
  const { t, lang, notify, refresh, txt } = useTexts();
  const session = useApp((s) => s.session);
  const a = useAction();
  const suggested = session?.dropSuggested ? session.dropSuggestedCents : 0;
  const [amount, setAmount] = useState<AmountKeys>(keysFor(suggested));
  // Optional: a bag counted by denomination now is not counted again at close-out.
  const [counting, setCounting] = useState(false);
  const [counts, setCounts] = useState<DenominationCounts>({});
  const submit = () => void a.run((id) => call('drawer.drop', { id, amountCents: amountOf(amount) ?? 0, ...(counting ? { counts } : {}) }), (m) => {
    notify('info', t('drawer.dropDone', { amount: money(m.amountCents, lang) })); void refresh(); onClose();
  }, { amountCents: 'drop-amount', counts: 'drop-count-bill_10000' });
  const other = unclaimed(a.errors, ['amountCents', 'counts']);
  const toggle = () => { setCounting(!counting); a.setErrors({}); if (!counting) focusId('drop-count-bill_10000'); };
  return (
    <Form id="drop" title={t('drawer.drop')} onClose={onClose} onSubmit={submit}>
      {suggested > 0 && <p className="suggest" role="status">{t('drawer.suggested', { amount: money(suggested, lang) })}</p>}
      <AmountInput id="drop-amount" label={t('drawer.amount')} value={amount} onChange={(v) => { setAmount(v); a.setErrors({}); }} onEnter={counting ? () => focusId('drop-count-bill_10000') : submit} big autoFocus error={txt(a.errors, 'amountCents')} />
      <button type="button" id="drop-count-toggle" className="secondary" aria-expanded={counting} onClick={toggle}>{counting ? t('drawer.dropNoCount') : t('drawer.dropCount')}</button>
      {counting && (
        <>
          <FieldError id="drop-count-err" text={a.errors.counts ? errorText(a.errors.counts, lang) : undefined} />
          <CountSheet id="drop-count" counts={counts} onChange={(c) => { setCounts(c); a.setErrors({}); }} errors={a.errors} path="counts" onDone={() => focusId('drop-ok')} caption={t('drawer.dropCounted')} />
        </>
      )}
      <FieldError id="drop-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} okId="drop-ok" />
    </Form>
  );
}

export function NoSaleDialog({ onClose }: Common) {
  const { t, lang, notify, txt } = useTexts();
  const a = useAction();
  const [reason, setReason] = useState('');
  const submit = () => void a.run((id) => call('drawer.noSale', { id, reason }), () => { notify('info', t('drawer.noSaleDone')); onClose(); }, { reason: 'ns-reason' });
  const other = unclaimed(a.errors, ['reason']);
  return (
    <Form id="no-sale" title={t('drawer.noSale')} onClose={onClose} onSubmit={submit}>
      <TextInput id="ns-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} onEnter={submit} maxLength={500} autoFocus error={txt(a.errors, 'reason')} />
      <FieldError id="ns-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} />
    </Form>
  );
}

/** The receipts of this drawer, newest first, to pick one by number. */
function RecentReceipts({ onPick }: { onPick(n: string): void }) {
  const { t, lang } = useTexts();
  const [list, setList] = useState<ReceiptView[]>([]);
  useEffect(() => {
    let live = true;
    void call('receipt.list', { limit: 8 }).then((r) => { if (live && r.ok) setList(r.value); });
    return () => { live = false; };
  }, []);
  if (!list.length) return null;
  return (
    <table className="recent">
      <caption>{t('drawer.recent')}</caption>
      <tbody>
        {list.map((r) => (
          <tr key={r.id}>
            <th scope="row"><button type="button" className="link" onClick={() => onPick(r.receiptNumber)}>{r.receiptNumber}</button></th>
            <td>{time(r.createdAt, lang)}</td>
            <td className="num">{money(r.totalCents, lang)}</td>
            <td>{r.voided ? <span className="badge status-closed">{t('drawer.voided')}</span> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReprintDialog({ onClose }: Common) {
  const { t, lang, notify, txt } = useTexts();
  const last = useSale((s) => s.last);
  const a = useAction();
  const [number, setNumber] = useState(last?.receiptNumber ?? '');
  const submit = () => void a.run((id) => call('receipt.reprint', { id, receiptNumber: number.trim() }), (r) => {
    notify('info', t('drawer.reprintDone', { number: r.receiptNumber })); onClose();
  }, { receiptNumber: 'rp-number' });
  const other = unclaimed(a.errors, ['receiptNumber']);
  return (
    <Form id="reprint" title={t('drawer.reprint')} onClose={onClose} onSubmit={submit}>
      <TextInput id="rp-number" label={t('drawer.receiptNumber')} value={number} onChange={(v) => { setNumber(v.toUpperCase()); a.setErrors({}); }} onEnter={submit} maxLength={40} autoFocus error={txt(a.errors, 'receiptNumber')} />
      <ReceiptPreview number={number} />
      <RecentReceipts onPick={(n) => { setNumber(n); focusId('rp-number'); }} />
      <FieldError id="rp-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} />
    </Form>
  );
}

/** The receipt a number names, shown before it is voided or reprinted so the right one is chosen. */
function ReceiptPreview({ number }: { number: string }) {
  const { t, lang } = useTexts();
  const [r, setR] = useState<ReceiptView | null>(null);
  useEffect(() => {
    let live = true;
    setR(null);
    if (/^[A-Z0-9]{2,8}-\d{6}$/.test(number.trim())) void call('receipt.get', { receiptNumber: number.trim() }).then((x) => { if (live && x.ok) setR(x.value); });
    return () => { live = false; };
  }, [number]);
  if (!r) return null;
  return (
    <p className={`receipt-preview${r.voided ? ' voided' : ''}`} role="status">
      <strong>{r.receiptNumber}</strong> · {money(r.totalCents, lang)} · {time(r.createdAt, lang)} · {r.lines.map((l) => (lang === 'es' ? l.nameEs : l.nameEn) + (l.accountNumber ? ` ${l.accountNumber}` : '')).join(', ')}
      {r.voided && <span className="badge status-closed">{t('drawer.voided')}</span>}
    </p>
  );
}

export function VoidDialog({ onClose, number: given }: Common & { number?: string | undefined }) {
  const { t, lang, notify, refresh, txt } = useTexts();
  const last = useSale((s) => s.last);
  const a = useAction();
  const [number, setNumber] = useState(given ?? last?.receiptNumber ?? '');
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const submit = () => void a.run((id) => call('receipt.void', { id, receiptNumber: number.trim(), reason, approval }), (r) => {
    notify('info', t('drawer.voidDone', { number: r.receiptNumber }));
    // Each card charged at the terminal: reversed there, or what to do instead.
    for (const c of r.cardReversals ?? []) {
      notify(c.reversed ? 'info' : 'error', c.reversed ? t('card.reversed', { amount: money(c.amountCents, lang) }) : t('card.notReversed', { amount: money(c.amountCents, lang), reason: c.reason ?? '' }));
    }
    if (useSale.getState().last?.receiptNumber === r.receiptNumber) useSale.getState().nextCustomer();
    void refresh(); onClose();
  }, { receiptNumber: 'vd-number', reason: 'vd-reason', 'approval.userId': 'vd-sup-user', approval: 'vd-sup-pin', pin: 'vd-sup-pin' });
  const other = unclaimed(a.errors, ['receiptNumber', 'reason', 'approval', 'pin']);
  return (
    <Form id="void" title={t('drawer.void')} onClose={onClose} onSubmit={submit}>
      <TextInput id="vd-number" label={t('drawer.receiptNumber')} value={number} onChange={(v) => { setNumber(v.toUpperCase()); a.setErrors({}); }} onEnter={() => focusId('vd-reason')} maxLength={40} autoFocus error={txt(a.errors, 'receiptNumber')} />
      <ReceiptPreview number={number} />
      <TextInput id="vd-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} onEnter={() => focusId('vd-sup-user')} maxLength={500} error={txt(a.errors, 'reason')} />
      <SupervisorFields id="vd" value={approval} onChange={(v) => { setApproval(v); a.setErrors({}); }} errors={a.errors} />
      <RecentReceipts onPick={(n) => { setNumber(n); focusId('vd-reason'); }} />
      <FieldError id="vd-err" text={other ? errorText(other, lang) : undefined} />
      <Buttons busy={a.busy} onClose={onClose} />
    </Form>
  );
}
