// A returned (NSF) check: find it by number, routing, account or amount; record the bank's return.
// The station reverses the payments, charges the fee to the account and flags the payer cash-only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETURN_REASONS, type CheckTenderView, type ReturnReason, type ReturnedCheckView } from '../../shared/endOfDayViews';
import { AmountInput } from '../components/AmountInput';
import { FieldError } from '../components/FieldError';
import { Page } from '../components/Page';
import { TextInput } from '../components/TextInput';
import { amountOf, EMPTY, type AmountKeys } from '../amountEntry';
import { errorAt, errorText, unclaimed } from '../errors';
import { day, money } from '../format';
import { focusId } from '../focus';
import { call } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { codeName } from '../store/catalog';
import { CheckImages } from './till/CheckImages';

export function ReturnedCheck() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [checkNumber, setCheckNumber] = useState('');
  const [routing, setRouting] = useState('');
  const [account, setAccount] = useState('');
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [found, setFound] = useState<CheckTenderView[] | null>(null);
  const [chosen, setChosen] = useState<CheckTenderView | null>(null);
  const [reason, setReason] = useState<ReturnReason>('nsf');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<ReturnedCheckView | null>(null);
  const find = useAction();
  const rec = useAction();

  const search = () => void find.run(() => call('returnedCheck.find', {
    ...(checkNumber ? { checkNumber } : {}), ...(routing ? { routing } : {}), ...(account ? { account } : {}),
    ...(amountOf(amount) ? { amountCents: amountOf(amount)! } : {}),
  }), (v) => { setFound(v); setChosen(null); setDone(null); if (v[0]) focusId('rc-found-0'); }, { checkNumber: 'rc-check', routing: 'rc-routing', account: 'rc-account', amountCents: 'rc-amount' });
  const record = () => chosen && void rec.run((id) => call('returnedCheck.record', { id, receiptNumber: chosen.receiptNumber, tenderNo: chosen.tenderNo, reason, ...(note.trim() ? { note: note.trim() } : {}) }),
    (v) => { setDone(v); setFound(null); setChosen(null); });

  const findErr = unclaimed(find.errors, ['checkNumber', 'routing', 'account', 'amountCents']);
  const recErr = unclaimed(rec.errors, []);
  const e = (x: typeof find, p: string) => { const er = errorAt(x.errors, p); return er ? errorText(er, lang) : undefined; };
  return (
    <Page id="returned" title={t('returned.title')}>
      <div className="two-col">
        <section className="panel">
          <form onSubmit={(ev) => { ev.preventDefault(); search(); }} aria-labelledby="rc-find-title">
            <h2 id="rc-find-title">{t('returned.find')}</h2>
            <div className="grid3">
              <TextInput id="rc-check" label={t('tender.checkNumber')} value={checkNumber} onChange={setCheckNumber} digits maxLength={15} autoFocus error={e(find, 'checkNumber')} />
              <TextInput id="rc-routing" label={t('tender.routing')} value={routing} onChange={setRouting} digits maxLength={9} error={e(find, 'routing')} />
              <TextInput id="rc-account" label={t('tender.account')} value={account} onChange={setAccount} digits maxLength={17} error={e(find, 'account')} />
              <AmountInput id="rc-amount" label={t('tender.amount')} value={amount} onChange={setAmount} onEnter={search} error={e(find, 'amountCents')} />
            </div>
            <FieldError id="rc-find-err" text={findErr ? errorText(findErr, lang) : undefined} />
            <div className="actions"><button type="submit" className="primary" disabled={find.busy}>{t('returned.search')} <kbd>Enter</kbd></button></div>
          </form>
          {found && (found.length === 0 ? <p className="muted" role="status">{t('returned.noneFound')}</p> : (
            <ul className="checklist" aria-label={t('returned.found')}>
              {found.map((c, i) => (
                <li key={`${c.receiptNumber}-${c.tenderNo}`}>
                  <input type="radio" name="rc-found" id={`rc-found-${i}`} checked={chosen === c} disabled={c.voided || c.returnedCheckId !== null} onChange={() => setChosen(c)} />
                  <label htmlFor={`rc-found-${i}`}>
                    <strong>#{c.checkNumber}</strong> · {money(c.amountCents, lang)} · <span className="mono">{c.receiptNumber}</span> · {day(c.businessDay, lang)}
                    {c.payerName ? ` · ${c.payerName}` : ''}{c.accountNumbers.length ? ` · ${c.accountNumbers.join(', ')}` : ''}
                    {c.voided && <span className="badge status-closed">{t('drawer.voided')}</span>}
                    {c.returnedCheckId && <span className="badge status-shutoff_pending">{t('returned.already')}</span>}
                  </label>
                </li>
              ))}
            </ul>
          ))}
          {chosen && <CheckImages key={`${chosen.receiptNumber}-${chosen.tenderNo}`} tender={{ receiptNumber: chosen.receiptNumber, tenderNo: chosen.tenderNo }} />}
        </section>
        <section className="panel">
          {chosen && (
            <form onSubmit={(ev) => { ev.preventDefault(); record(); }} aria-labelledby="rc-rec-title">
              <h2 id="rc-rec-title">{t('returned.record', { check: chosen.checkNumber, amount: money(chosen.amountCents, lang) })}</h2>
              <div className="field">
                <label htmlFor="rc-reason">{t('returned.reason')}</label>
                <select id="rc-reason" value={reason} onChange={(ev) => setReason(ev.target.value as ReturnReason)}>
                  {RETURN_REASONS.map((r) => <option key={r} value={r}>{t(`returned.reasons.${r}`)}</option>)}
                </select>
              </div>
              <TextInput id="rc-note" label={t('deposit.note')} value={note} onChange={setNote} maxLength={500} />
              <FieldError id="rc-rec-err" text={recErr ? errorText(recErr, lang) : undefined} />
              <div className="actions"><button type="submit" className="primary big" disabled={rec.busy}>{t('returned.recordButton')} <kbd>Enter</kbd></button></div>
            </form>
          )}
          {done && (
            <div role="status">
              <h2>{t('returned.done', { check: done.check.checkNumber })}</h2>
              <table className="data"><caption>{t('returned.reversed')}</caption>
                <tbody>{done.reversals.map((r, i) => <tr key={i}><th scope="row">{codeName(r, lang)}{r.accountNumber ? ` · ${r.accountNumber}` : ''}</th><td className="num">−{money(r.amountCents, lang)}</td></tr>)}</tbody></table>
              {done.fee && <p>{t('returned.fee', { amount: money(done.fee.amountCents, lang), account: done.fee.accountNumber ?? '' })}</p>}
              {done.cashOnlyUntil && <p className="badge cash-only">{t('till.cashOnly', { until: done.cashOnlyUntil })}</p>}
            </div>
          )}
        </section>
      </div>
    </Page>
  );
}
