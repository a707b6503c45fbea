// The card at the terminal: the Charge button (Enter in the amount does the same), keyed entry as the
// fallback, the waiting dialog with Cancel, what the terminal said in words, and the banner for a card
// payment not yet settled with the terminal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardAttemptView } from '../../../shared/terminal';
import { SupervisorFields, type Approval } from '../../components/SupervisorFields';
import { TextInput } from '../../components/TextInput';
import { FieldError } from '../../components/FieldError';
import { errorAt, errorText, unclaimed } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { money } from '../../format';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/app';
import { useCard } from '../../store/card';
import { saleTotal, tenderTotal, useSale } from '../../store/sale';

export function CardButtons({ onCharge }: { onCharge(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const setKeyed = useCard((s) => s.setKeyed);
  const offer = useCard((s) => s.feeOffer);
  return (
    <>
    {offer && <p className="banner warn" role="alert" data-testid="card-fee">{t('card.fee', { fee: money(offer.feeCents, lang), total: money(offer.amountCents + offer.feeCents, lang) })}</p>}
    <div className="row">
      <button id="card-charge" type="button" className="primary" onClick={onCharge}>{t('card.charge')} <kbd>Enter</kbd></button>
      <button id="card-keyed" type="button" className="ghost" onClick={() => setKeyed(true)}>{t('card.keyed')}</button>
    </div>
    </>
  );
}

export function CardWaiting() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const waiting = useCard((s) => s.waiting);
  const cancel = useCard((s) => s.cancel);
  if (!waiting) return null;
  return (
    <Dialog id="card-waiting" title={t('card.waitingTitle')} onClose={() => void cancel()}>
      <p role="status" aria-live="polite" data-testid="card-waiting">{t('card.waiting', { amount: money(waiting.amountCents, lang) })}</p>
      <div className="row"><button type="button" className="secondary" data-autofocus onClick={() => void cancel()}>{t('card.cancel')} <kbd>Esc</kbd></button></div>
    </Dialog>
  );
}

export function CardNoticeLine() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notice = useCard((s) => s.notice);
  const lines = useSale((s) => s.lines);
  const tenders = useSale((s) => s.tenders);
  const saleId = useSale((s) => s.saleId);
  if (!notice) return null;
  const a = notice.attempt;
  // Only this sale's card: once its receipt is posted the next customer starts clean.
  if (a && a.receiptId !== saleId) return null;
  const ap = a?.approval;
  const reason = a?.reason ?? '';
  const due = Math.max(0, saleTotal(lines) - tenderTotal(tenders));
  const text = (() => {
    switch (notice.kind) {
      case 'approved': return ap ? t('card.approved', { brand: t(`tender.brands.${ap.brand}`), last4: ap.last4, auth: ap.authCode }) : '';
      case 'signature': return `${ap ? t('card.approved', { brand: t(`tender.brands.${ap.brand}`), last4: ap.last4, auth: ap.authCode }) : ''} ${t('card.signature')}`;
      case 'partial': return t('card.partial', { approved: money(ap?.approvedCents ?? 0, lang), due: money(due, lang) });
      case 'declined': return t('card.declined', { reason });
      case 'cancelled': return t('card.cancelled', { reason });
      case 'failed': return t('card.failed', { reason });
      case 'noAnswer': return t('card.noAnswer');
      default: return t('card.unknown', { amount: money(a?.amountCents ?? 0, lang) });
    }
  })();
  const bad = notice.kind !== 'approved' && notice.kind !== 'signature';
  return <p className={`banner ${bad ? 'warn' : 'ok'}`} role={bad ? 'alert' : 'status'} data-testid="card-notice">{text}</p>;
}

export function CardUnresolved() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const unresolved = useCard((s) => s.unresolved);
  const resolve = useCard((s) => s.resolve);
  const [settling, setSettling] = useState<CardAttemptView | null>(null);
  if (unresolved.length === 0) return null;
  return (
    <div className="banner warn" role="alert" data-testid="card-unresolved">
      {unresolved.map((a) => <p key={a.id}>{t('card.unresolved', { amount: money(a.amountCents, lang) })}{a.reason ? ` (${a.reason})` : ''}</p>)}
      <div className="row">
        <button type="button" className="secondary" onClick={() => void resolve()}>{t('card.check')}</button>
        <button type="button" className="ghost" onClick={() => setSettling(unresolved[0] ?? null)}>{t('card.byHand')}</button>
      </div>
      {settling && <SettleByHand attempt={settling} onClose={() => { setSettling(null); void useCard.getState().load(); }} />}
    </div>
  );
}

/** A supervisor ends a card payment the terminal cannot: refunded at the terminal, or never charged. */
function SettleByHand({ attempt, onClose }: { attempt: CardAttemptView; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const a = useAction();
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const outcome = attempt.state === 'approved' ? 'refunded' as const : 'not_charged' as const;
  const submit = () => void a.run(() => call('card.settleByHand', { attemptId: attempt.id, outcome, reason, approval }), onClose,
    { reason: 'cbh-reason', 'approval.userId': 'cbh-sup-user', approval: 'cbh-sup-pin', pin: 'cbh-sup-pin' });
  const r = errorAt(a.errors, 'reason');
  const other = unclaimed(a.errors, ['reason', 'approval', 'pin']);
  return (
    <Dialog id="card-by-hand" title={t('card.byHand')} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <p>{t(outcome === 'refunded' ? 'card.byHandRefunded' : 'card.byHandNotCharged', { amount: money(attempt.amountCents, lang) })}</p>
        <TextInput id="cbh-reason" label={t('drawer.reason')} value={reason} onChange={setReason} maxLength={500} autoFocus error={r ? errorText(r, lang) : undefined} />
        <SupervisorFields id="cbh" value={approval} onChange={setApproval} errors={a.errors} />
        <FieldError id="cbh-err" text={other ? errorText(other, lang) : undefined} />
        <div className="actions"><button type="submit" className="primary">{t('drawer.ok')}</button><button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button></div>
      </form>
    </Dialog>
  );
}
