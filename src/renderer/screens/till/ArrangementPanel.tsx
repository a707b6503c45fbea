// The arrangement of the chosen account, in its card: the next instalment due, "Pay instalment", the
// schedule with what is paid, the agreement again (printed copy or PDF), and a supervisor's cancel.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArrangementView } from '../../../shared/contract/arrangements';
import type { AccountView } from '../../../shared/views';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { SupervisorFields, type Approval } from '../../components/SupervisorFields';
import { TextInput } from '../../components/TextInput';
import { base64Bytes, download } from '../../download';
import { errorAt, errorText, unclaimed } from '../../errors';
import { day, money } from '../../format';
import { focusId } from '../../focus';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';
import { useSale } from '../../store/sale';
import { useTillUi } from '../../store/tillUi';

/** The agreement as a PDF, saved through the browser. */
export async function saveAgreementPdf(arrangementId: string): Promise<void> {
  const r = await call('arrangement.pdf', { arrangementId });
  const { notify, lang } = useApp.getState();
  if (!r.ok) { notify('error', errorText(r.error, lang)); return; }
  download(r.value.filename, r.value.mimeType, base64Bytes(r.value.base64));
}

/** Alt+I from anywhere on the till: key in the next instalment of the chosen account. */
export const instalmentRef: { current: () => void } = { current: () => undefined };

export function ArrangementPanel({ account, onPayInstalment }: { account: AccountView; onPayInstalment(cents: number): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const openCancel = useTillUi((s) => s.openCancel);
  const [view, setView] = useState<ArrangementView | null>(null);
  const summary = account.arrangement;

  useEffect(() => {
    let live = true;
    if (summary) void call('arrangement.get', { arrangementId: summary.id }).then((r) => { if (live && r.ok) setView(r.value); });
    return () => { live = false; };
  }, [summary]);

  if (!summary) return null;
  const next = summary.next;
  const pay = () => { if (next) onPayInstalment(next.dueCents); };
  instalmentRef.current = pay;
  const reprint = async () => {
    const r = await call('arrangement.reprint', { id: crypto.randomUUID(), arrangementId: summary.id });
    notify(r.ok ? 'info' : 'error', r.ok ? () => t('arrangement.reprintDone', { number: summary.number }) : errorText(r.error, lang));
  };
  return (
    <section className="arrangement-panel" aria-labelledby="arr-panel-title">
      <h3 id="arr-panel-title">{t('arrangement.onDetail', { number: summary.number })}</h3>
      {summary.running > 1 && <p className="banner warn" role="status">{t('arrangement.two', { n: summary.running })}</p>}
      <p className={next?.overdue ? 'next-instalment overdue' : 'next-instalment'} data-testid="next-instalment">
        {!next ? t('arrangement.allPaid')
          : t(next.overdue ? 'arrangement.nextOverdue' : 'arrangement.next', { no: next.no, amount: money(next.dueCents, lang), date: day(next.dueDate, lang) })}
      </p>
      <div className="actions">
        {next && <button type="button" id="pay-instalment" className="primary" onClick={pay}>{t('arrangement.payInstalment')} <kbd>Alt+I</kbd></button>}
        <button type="button" className="secondary" onClick={() => void reprint()}>{t('arrangement.reprint')}</button>
        <button type="button" className="secondary" onClick={() => void saveAgreementPdf(summary.id)}>{t('arrangement.pdf')}</button>
        {view && <button type="button" id="cancel-arrangement" className="ghost" onClick={() => openCancel(view)}>{t('arrangement.cancel')}</button>}
      </div>
      {view && (
        <details className="schedule">
          <summary>{t('arrangement.schedule')} · {money(view.paidCents, lang)} / {money(view.totalCents, lang)}</summary>
          <table className="data">
            <thead><tr><th scope="col">{t('arrangement.no')}</th><th scope="col">{t('arrangement.due')}</th><th scope="col" className="num">{t('arrangement.amount')}</th><th scope="col" className="num">{t('arrangement.paid')}</th><th scope="col">{t('arrangement.state')}</th></tr></thead>
            <tbody>
              {view.instalments.map((x) => (
                <tr key={x.no}>
                  <th scope="row">{x.no}</th><td>{x.dueDate}</td><td className="num">{money(x.amountCents, lang)}</td><td className="num">{money(x.paidCents, lang)}</td>
                  <td><span className={`badge inst-${x.state}`}>{t(`arrangement.states.${x.state}`)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** A supervisor ends a running arrangement, with a reason (both recorded). */
export function CancelArrangementDialog({ arrangement, onClose }: { arrangement: ArrangementView; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const a = useAction();
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const submit = () => void a.run((id) => call('arrangement.cancel', { id, arrangementId: arrangement.id, reason, approval }), (v) => {
    notify('info', () => t('arrangement.cancelDone', { number: v.number }));
    // The account card shows the account as it is now.
    void call('accounts.get', { accountNumber: v.accountNumber }).then((r) => { if (r.ok) useSale.getState().selectAccount(r.value); });
    onClose();
  }, { reason: 'ca-reason', 'approval.userId': 'ca-sup-user', approval: 'ca-sup-pin', pin: 'ca-sup-pin' });
  const txt = (p: string) => { const e = errorAt(a.errors, p); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['reason', 'approval', 'pin']);
  return (
    <Dialog id="cancel-arrangement-dialog" title={t('arrangement.cancelTitle', { number: arrangement.number })} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <p className="account-meta"><span className="mono">{arrangement.accountNumber}</span> · {arrangement.accountName} · {money(arrangement.remainingCents, lang)}</p>
        <TextInput id="ca-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} onEnter={() => focusId('ca-sup-user')} maxLength={500} autoFocus error={txt('reason')} />
        <SupervisorFields id="ca" value={approval} onChange={(v) => { setApproval(v); a.setErrors({}); }} errors={a.errors} onEnter={submit} />
        <FieldError id="ca-err" text={other ? errorText(other, lang) : undefined} />
        <div className="actions">
          <button type="submit" className="primary" disabled={a.busy}>{t('arrangement.cancel')}</button>
          <button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
