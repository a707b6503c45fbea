// Setting up a payment arrangement with the customer at the counter: the amount (proposed from the
// balance), the down payment (at least the policy's minimum, shown greyed), the instalments, the first
// due date and the agreement's language. The station quotes the schedule as it is keyed and says which
// limits it goes beyond; then the down payment goes on the receipt, and Complete posts both at once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FREQUENCIES, type Frequency } from '../../../shared/arrangements';
import { addMonths } from '../../../shared/calendar';
import type { ArrangementQuote } from '../../../shared/contract/arrangements';
import type { ApiError } from '../../../shared/errors';
import type { AccountView } from '../../../shared/views';
import { AmountInput } from '../../components/AmountInput';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { SupervisorFields, type Approval } from '../../components/SupervisorFields';
import { TextInput } from '../../components/TextInput';
import { amountOf, EMPTY, keysFor, type AmountKeys } from '../../amountEntry';
import { byField, errorAt, errorText, unclaimed, type FieldErrors } from '../../errors';
import { money } from '../../format';
import { focusId } from '../../focus';
import { call } from '../../transport';
import { useApp } from '../../store/app';
import { useCatalog, utilityCode } from '../../store/catalog';
import { useSale, type PendingArrangement } from '../../store/sale';

const FIELD_IDS: Record<string, string> = {
  totalCents: 'arr-total', downPaymentCents: 'arr-down', instalmentCount: 'arr-count', firstDue: 'arr-first-due', amounts: 'arr-amount-0',
  overrideReason: 'arr-reason', 'approval.userId': 'arr-sup-user', approval: 'arr-sup-pin', pin: 'arr-sup-pin', frequency: 'arr-frequency', lang: 'arr-lang',
};
const ORDER = ['arr-total', 'arr-down', 'arr-count', 'arr-frequency', 'arr-first-due', 'arr-lang', 'arr-payer'];

/** A limit of the policy worded like the station's refusal, on its field. */
const limitError = (x: ArrangementQuote['exceeded'][number]): ApiError => ({ code: x.code, params: x.params, field: x.field, message: '' });

export function ArrangementDialog({ account, onClose, onStarted }: { account: AccountView; onClose(): void; onStarted(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const today = useApp((s) => s.info?.businessDay) ?? new Date().toISOString().slice(0, 10);
  const codes = useCatalog((s) => s.codes);
  const pending = useSale((s) => (s.arrangement?.accountNumber === account.accountNumber ? s.arrangement : null));
  const [total, setTotal] = useState<AmountKeys>(keysFor(pending?.totalCents ?? Math.max(0, account.balanceCents)));
  const [down, setDown] = useState<AmountKeys>(pending ? keysFor(pending.downPaymentCents) : EMPTY);
  const [count, setCount] = useState(String(pending?.instalmentCount ?? 6));
  const [frequency, setFrequency] = useState<Frequency>(pending?.frequency ?? 'monthly');
  const [firstDue, setFirstDue] = useState(pending?.firstDue ?? addMonths(today, 1));
  const [agreementLang, setAgreementLang] = useState<'en' | 'es'>(pending?.lang ?? lang);
  const [payer, setPayer] = useState(pending?.payerName ?? '');
  const [byHand, setByHand] = useState(!!pending?.amounts);
  const [amounts, setAmounts] = useState<AmountKeys[]>((pending?.amounts ?? []).map(keysFor));
  const [approval, setApproval] = useState<Approval>(pending?.approval ?? { userId: '', pin: '' });
  const [reason, setReason] = useState(pending?.overrideReason ?? '');
  const [quote, setQuote] = useState<ArrangementQuote | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  const totalCents = amountOf(total) ?? 0;
  const downCents = amountOf(down) ?? quote?.minDownPaymentCents ?? 0;
  const n = /^\d{1,2}$/.test(count) ? Number(count) : 0;
  const handAmounts = byHand ? amounts.slice(0, n).map((a) => amountOf(a) ?? 0) : undefined;
  const draft = {
    accountNumber: account.accountNumber, totalCents, downPaymentCents: downCents, instalmentCount: n, frequency, firstDue, lang: agreementLang,
    ...(payer.trim() ? { payerName: payer.trim() } : {}), ...(handAmounts ? { amounts: handAmounts } : {}),
  };
  const key = JSON.stringify(draft);

  // The station quotes the schedule as it is keyed; only the answer to the latest draft is shown.
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void call('arrangement.quote', draft).then((r) => {
        if (mine !== seq.current) return;
        if (r.ok) { setQuote(r.value); setErrors({}); } else setErrors(byField(r.error));
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [key]);

  // Amounts by hand start from the equal split the station proposed.
  function toggleByHand() {
    if (!byHand && quote) setAmounts(quote.instalments.filter((x) => x.no > 0).map((x) => keysFor(x.amountCents)));
    setByHand(!byHand);
  }

  const exceeded = quote?.exceeded ?? [];
  function fail(e: ApiError) {
    setErrors(byField(e));
    const id = Object.entries(FIELD_IDS).find(([k]) => e.field === k || e.field?.startsWith(k + '.'))?.[1];
    if (id) focusId(id);
  }

  async function submit() {
    if (busy) return;
    setBusy(true);
    try {
      const q = await call('arrangement.quote', draft);
      if (!q.ok) { fail(q.error); return; }
      setQuote(q.value);
      const first = q.value.exceeded[0];
      const approved = approval.userId.trim() !== '' && approval.pin !== '';
      if (first && !approved) { fail(limitError(first)); return; }
      if (first && reason.trim().length < 3) { fail({ code: 'REASON_REQUIRED', params: {}, field: 'overrideReason', message: '' }); return; }
      const plan: PendingArrangement = {
        ...draft, accountName: account.name,
        ...(first ? { approval: { userId: approval.userId.trim(), pin: approval.pin }, overrideReason: reason.trim() } : {}),
      };
      if (downCents > 0) {
        const code = utilityCode(codes);
        if (!code) return;
        useSale.getState().startArrangement(plan, { revenueCode: code.code, nameEn: code.nameEn, nameEs: code.nameEs, accountNumber: account.accountNumber, accountName: account.name, amountCents: downCents });
        onStarted();
        return;
      }
      // No down payment: the arrangement is made now, with no receipt.
      const { accountName: _name, ...input } = plan;
      const made = await call('arrangement.create', { ...input, id: crypto.randomUUID() });
      if (!made.ok) { fail(made.error); return; }
      useSale.getState().arrangementMade(made.value.arrangement);
      notify('info', () => t('arrangement.made', { number: made.value.arrangement.number, lang: t(`arrangement.langs.${made.value.arrangement.lang}`) }));
      onClose();
    } finally {
      setBusy(false);
    }
  }

  function next(id: string) {
    const i = ORDER.indexOf(id);
    const to = ORDER[i + 1];
    if (to) focusId(to); else void submit();
  }
  const onSelectKey = (id: string) => (e: KeyboardEvent<HTMLSelectElement>) => { if (e.key === 'Enter') { e.preventDefault(); next(id); } };

  const err = (...paths: string[]) => { const e = errorAt(errors, ...paths); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(errors, ['accountNumber', 'totalCents', 'downPaymentCents', 'instalmentCount', 'frequency', 'firstDue', 'amounts', 'lang', 'payerName', 'approval', 'pin', 'overrideReason']);
  const sum = handAmounts?.reduce((s, a) => s + a, 0) ?? 0;
  return (
    <Dialog id="arrangement" title={t('arrangement.title', { name: account.name })} onClose={onClose} wide>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p className="account-meta"><span className="mono">{account.accountNumber}</span> · {account.serviceAddress}</p>
        <FieldError id="arr-account-err" text={err('accountNumber')} />
        <div className="grid3">
          <AmountInput id="arr-total" label={t('arrangement.total')} value={total} onChange={setTotal} onEnter={() => next('arr-total')} hint={t('arrangement.totalHint')} error={err('totalCents')} autoFocus />
          <AmountInput id="arr-down" label={t('arrangement.down')} value={down} onChange={setDown} onEnter={() => next('arr-down')} placeholderCents={quote?.minDownPaymentCents}
            hint={quote ? t('arrangement.downHint', { amount: money(quote.minDownPaymentCents, lang) }) : undefined} error={err('downPaymentCents')} />
          <TextInput id="arr-count" label={t('arrangement.count')} value={count} onChange={setCount} onEnter={() => next('arr-count')} digits maxLength={2} error={err('instalmentCount')} />
          <div className="field">
            <label htmlFor="arr-frequency">{t('arrangement.frequency')}</label>
            <select id="arr-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)} onKeyDown={onSelectKey('arr-frequency')}>
              {FREQUENCIES.map((f) => <option key={f} value={f}>{t(`arrangement.frequencies.${f}`)}</option>)}
            </select>
          </div>
          <TextInput id="arr-first-due" label={t('arrangement.firstDue')} value={firstDue} onChange={setFirstDue} onEnter={() => next('arr-first-due')} maxLength={10} error={err('firstDue')} />
          <div className="field">
            <label htmlFor="arr-lang">{t('arrangement.lang')}</label>
            <select id="arr-lang" value={agreementLang} onChange={(e) => setAgreementLang(e.target.value as 'en' | 'es')} onKeyDown={onSelectKey('arr-lang')}>
              <option value="en">{t('arrangement.langs.en')}</option><option value="es">{t('arrangement.langs.es')}</option>
            </select>
          </div>
          <TextInput id="arr-payer" label={t('arrangement.payer')} value={payer} onChange={setPayer} onEnter={() => next('arr-payer')} maxLength={100} className="full" />
        </div>

        {quote && (
          <table className="data schedule" aria-labelledby="arr-schedule-cap">
            <caption id="arr-schedule-cap">{t('arrangement.schedule')}</caption>
            <thead><tr><th scope="col">{t('arrangement.no')}</th><th scope="col">{t('arrangement.due')}</th><th scope="col" className="num">{t('arrangement.amount')}</th></tr></thead>
            <tbody>
              {quote.instalments.map((x) => (
                <tr key={x.no}>
                  <th scope="row">{x.no === 0 ? `0 · ${t('arrangement.downRow')}` : x.no}</th>
                  <td>{x.dueDate}</td>
                  <td className="num">{byHand && x.no > 0
                    ? <AmountInput id={`arr-amount-${x.no - 1}`} label={`${t('arrangement.amount')} ${x.no}`} value={amounts[x.no - 1] ?? EMPTY}
                      onChange={(v) => setAmounts(Object.assign([...amounts], { [x.no - 1]: v }))} />
                    : money(x.amountCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <label className="check"><input type="checkbox" id="arr-by-hand" checked={byHand} onChange={toggleByHand} /> {t('arrangement.byHand')}</label>
        {byHand && <p className="muted">{t('arrangement.sum', { sum: money(sum, lang), expected: money(totalCents - downCents, lang) })}</p>}
        <FieldError id="arr-amounts-err" text={err('amounts')} />

        {exceeded.length > 0 && (
          <div className="beyond" role="group" aria-labelledby="arr-beyond">
            <p id="arr-beyond" className="banner warn">{t('arrangement.beyond')}</p>
            <ul className="limits">{exceeded.map((x) => <li key={x.limit}>{errorText(limitError(x), lang)}</li>)}</ul>
            <SupervisorFields id="arr" value={approval} onChange={(v) => { setApproval(v); setErrors({}); }} errors={errors} onEnter={() => focusId('arr-reason')} />
            <TextInput id="arr-reason" label={t('arrangement.reason')} value={reason} onChange={(v) => { setReason(v); setErrors({}); }} onEnter={() => void submit()} maxLength={500} error={err('overrideReason')} />
          </div>
        )}
        <FieldError id="arr-err" text={other ? errorText(other, lang) : undefined} />
        <div className="actions">
          <button type="submit" id="arr-ok" className="primary" disabled={busy}>
            {downCents > 0 ? t('arrangement.takeDown', { amount: money(downCents, lang) }) : t('arrangement.make')} <kbd>Enter</kbd>
          </button>
          <button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
