// What a scan asks of the cashier: the same stub again (confirm), the late penalty (offer), one of our
// receipts (reprint or void); and the slip station's prompt to insert each form in turn.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../errors';
import { focusId } from '../../focus';
import { money } from '../../format';
import { useApp } from '../../store/app';
import { useScan, waitingSlip } from '../../store/scan';
import { useTillUi } from '../../store/tillUi';
import { call } from '../../transport';
import { addLatePenalty, addStubLine } from '../../scan/onScan';

export function StubDuplicateDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const pending = useScan((s) => s.pending);
  if (!pending) return null;
  const s = pending.scan.stub;
  const words = { account: s.accountNumber, bill: s.billNumber ?? '—', receipts: pending.scan.paidToday.join(', ') };
  const done = (add: boolean) => {
    useScan.getState().set({ pending: null });
    if (add) addStubLine(pending.scan); else onClose();
  };
  return (
    <Dialog id="stub-duplicate" title={t('scan.duplicateTitle')} onClose={() => done(false)}>
      <p className="banner warn" role="alert">{pending.onReceipt ? t('scan.onReceipt', words) : t('scan.paidToday', words)}</p>
      {pending.onReceipt && pending.scan.paidToday.length > 0 && <p>{t('scan.paidToday', words)}</p>}
      <div className="actions">
        <button type="button" className="primary" id="stub-add-anyway" onClick={() => done(true)}>{t('scan.addAnyway')}</button>
        <button type="button" className="secondary" id="stub-dont-add" data-autofocus onClick={() => done(false)}>{t('scan.dontAdd')}</button>
      </div>
    </Dialog>
  );
}

export function LatePenaltyDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const late = useScan((s) => s.late);
  if (!late?.scan.late) return null;
  const o = late.scan.late;
  const done = (add: boolean) => {
    if (add) addLatePenalty(late.scan);
    useScan.getState().set({ late: null });
    onClose();
    focusId('tender-amount');
  };
  return (
    <Dialog id="late-penalty" title={t('scan.lateTitle')} onClose={() => done(false)}>
      <p>{t('scan.lateText', { date: o.dueDate, months: o.monthsPastDue, amount: money(o.amountCents, lang) })}</p>
      <div className="actions">
        <button type="button" className="primary" id="late-add" data-autofocus onClick={() => done(true)}>{t('scan.addLate')} <kbd>Enter</kbd></button>
        <button type="button" className="secondary" id="late-skip" onClick={() => done(false)}>{t('scan.noLate')} <kbd>Esc</kbd></button>
      </div>
    </Dialog>
  );
}

export function ReceiptFoundDialog({ onClose, onVoid }: { onClose(): void; onVoid(number: string): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const r = useScan((s) => s.receipt);
  if (!r) return null;
  const reprint = async () => {
    const x = await call('receipt.reprint', { id: crypto.randomUUID(), receiptNumber: r.receiptNumber });
    if (x.ok) notify('info', t('scan.reprinted', { number: r.receiptNumber })); else notify('error', errorText(x.error, lang));
    onClose();
  };
  return (
    <Dialog id="receipt-found" title={t('scan.receiptTitle', { number: r.receiptNumber })} onClose={onClose} wide>
      <p>{t('scan.receiptText', { day: r.businessDay, cashier: r.cashierName, total: money(r.totalCents, lang) })}</p>
      {r.voided && <p className="banner warn" role="status">{t('scan.receiptVoided')}</p>}
      <table className="receipt-lines">
        <tbody>
          {r.lines.map((l) => (
            <tr key={l.lineNo}><td>{lang === 'es' ? l.nameEs : l.nameEn}{l.accountNumber ? ` · ${l.accountNumber}` : ''}</td><td className="num">{money(l.amountCents, lang)}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" id="found-reprint" data-autofocus onClick={() => void reprint()}>{t('scan.reprint')}</button>
        {!r.voided && <button type="button" className="secondary" id="found-void" onClick={() => onVoid(r.receiptNumber)}>{t('scan.void')}</button>}
        <button type="button" className="secondary" onClick={onClose}>{t('scan.close')}</button>
      </div>
    </Dialog>
  );
}

/** "Insert the stub for account …": shown while the printer waits for a form; Skip is logged with the receipt. */
export function SlipPrompt() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const slips = useScan((s) => s.slips);
  const hidden = useScan((s) => s.hidden);
  const dialog = useTillUi((s) => s.dialog);
  const job = waitingSlip(slips);
  useEffect(() => { if (!job && hidden) useScan.getState().set({ hidden: null }); }, [job, hidden]);
  // Another dialog of the till comes first; the prompt waits behind it.
  if (!job?.slip || hidden === job.id || dialog !== null) return null;
  const sp = job.slip;
  const text = sp.kind === 'validation'
    ? t('slips.insertStub', { account: sp.accountNumber ?? '', amount: money(sp.amountCents, lang) })
    : t('slips.insertCheck', { check: sp.checkNumber ?? '', amount: money(sp.amountCents, lang) });
  const skip = async () => {
    const r = await call('slips.skip', { jobId: job.id });
    if (!r.ok) notify('error', errorText(r.error, lang));
  };
  const later = () => useScan.getState().set({ hidden: job.id });
  return (
    <Dialog id="slip-prompt" title={t('slips.title')} onClose={later}>
      <p className="slip-insert" role="status">{text}</p>
      <div className="actions">
        <button type="button" className="secondary" id="slip-skip" onClick={() => void skip()}>{t('slips.skip')}</button>
        <button type="button" className="secondary" id="slip-later" data-autofocus onClick={later}>{t('slips.later')} <kbd>Esc</kbd></button>
      </div>
    </Dialog>
  );
}

/** The last receipt's validations and endorsements: print one again (logged, marked as a copy). */
export function SlipList({ receiptNumber }: { receiptNumber: string }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const slips = useScan((s) => s.slips);
  const mine = Object.values(slips).filter((j) => j.slip?.receiptNumber === receiptNumber);
  if (mine.length === 0) return null;
  // One row per slip (the newest copy).
  const rows = new Map(mine.map((j) => [`${j.slip!.kind}:${j.slip!.number}`, j]));
  const again = async (kind: 'validation' | 'endorsement', number: number) => {
    const r = await call('slips.again', { receiptNumber, form: kind, number });
    if (r.ok) notify('info', t('slips.requested')); else notify('error', errorText(r.error, lang));
  };
  return (
    <section className="slip-list" aria-label={t('slips.list')}>
      <h3>{t('slips.list')}</h3>
      <ul>
        {[...rows.values()].map((j) => {
          const sp = j.slip!;
          return (
            <li key={j.id}>
              {sp.kind === 'validation' ? t('slips.validation', { account: sp.accountNumber ?? '' }) : t('slips.endorsement', { check: sp.checkNumber ?? '' })}
              {' — '}{t(`devices.states.${j.state}`)}
              {' '}<button type="button" className="ghost small" onClick={() => void again(sp.kind, sp.number)}>{t(`slips.again.${sp.kind}`)}</button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
