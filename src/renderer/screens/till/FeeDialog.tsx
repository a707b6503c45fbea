// Another line on the receipt: a revenue code and what its fee rule needs (employees, square feet,
// a base amount, months past due). The station computes the fee from its schedule; this shows its quote.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeeInputs } from '../../../shared/fees';
import type { ApiError } from '../../../shared/errors';
import type { FeeQuote } from '../../../shared/views';
import { AmountInput } from '../../components/AmountInput';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { amountOf, EMPTY, type AmountKeys } from '../../amountEntry';
import { errorAt, errorText, unclaimed, type FieldErrors } from '../../errors';
import { money } from '../../format';
import { explainFee } from '../../feeText';
import { focusId } from '../../focus';
import { call } from '../../transport';
import { useApp } from '../../store/app';
import { codeName, useCatalog } from '../../store/catalog';
import { useSale } from '../../store/sale';

export function FeeDialog({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const codes = useCatalog((s) => s.codes);
  const lastAccount = useSale((s) => s.lines.findLast((l) => l.accountNumber)?.accountNumber ?? '');
  const addLine = useSale((s) => s.addLine);
  const [code, setCode] = useState(codes[0]?.code ?? '');
  const [quantity, setQuantity] = useState('');
  const [base, setBase] = useState<AmountKeys>(EMPTY);
  const [months, setMonths] = useState('');
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [account, setAccount] = useState(lastAccount);
  const [quote, setQuote] = useState<FeeQuote | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const rc = useMemo(() => codes.find((c) => c.code === code), [codes, code]);
  const rule = rc?.rule;

  const fields: string[] = [];
  if (rule?.type === 'tiered' || rule?.type === 'per_unit') fields.push('fee-quantity');
  if (rule?.type === 'percentage' || rule?.type === 'late_penalty') fields.push('fee-base');
  if (rule?.type === 'late_penalty') fields.push('fee-months');
  if (rule?.type === 'open') fields.push('fee-amount');
  if (rc?.requiresAccount) fields.push('fee-account');

  function inputs(): FeeInputs {
    const i: FeeInputs = {};
    if (quantity !== '') i.quantity = Number(quantity);
    const b = amountOf(base);
    if (b !== null) i.baseCents = b;
    if (months !== '') i.monthsPastDue = Number(months);
    return i;
  }

  function fail(e: ApiError) {
    setErrors({ [e.field ?? '']: e });
    const target = e.field === 'accountNumber' ? 'fee-account' : e.field?.endsWith('quantity') ? 'fee-quantity' : e.field?.endsWith('baseCents') ? 'fee-base' : e.field?.endsWith('monthsPastDue') ? 'fee-months' : null;
    if (target) focusId(target);
  }

  async function add() {
    if (!rc || !rule || busy) return;
    setBusy(true);
    try {
      if (rc.requiresAccount) {
        const a = await call('accounts.get', { accountNumber: account.trim() || '-' });
        if (!a.ok) { fail({ ...a.error, field: 'accountNumber' }); return; }
      }
      let cents: number;
      let feeInputs: FeeInputs | undefined;
      if (rule.type === 'open') {
        const keyed = amountOf(amount);
        if (!keyed) { focusId('fee-amount'); return; }
        cents = keyed;
      } else {
        feeInputs = inputs();
        const q = await call('fees.quote', { revenueCode: rc.code, inputs: feeInputs });
        if (!q.ok) { fail(q.error); return; }
        setQuote(q.value);
        cents = q.value.amountCents;
        if (rule.type === 'fixed') feeInputs = undefined;
      }
      addLine({
        revenueCode: rc.code, nameEn: rc.nameEn, nameEs: rc.nameEs, amountCents: cents,
        ...(feeInputs ? { feeInputs } : {}), ...(feeInputs ? { rule: rule } : {}),
        ...(rc.requiresAccount ? { accountNumber: account.trim() } : {}),
      });
      onAdded();
    } finally {
      setBusy(false);
    }
  }

  async function requote() {
    if (!rc || !rule || rule.type === 'open') return;
    const q = await call('fees.quote', { revenueCode: rc.code, inputs: inputs() });
    if (q.ok) { setQuote(q.value); setErrors({}); } else setQuote(null);
  }

  function next(id: string) {
    const i = fields.indexOf(id);
    const n = fields[i + 1];
    void requote();
    if (n) focusId(n); else void add();
  }

  function onCodeKey(e: KeyboardEvent<HTMLSelectElement>) {
    if (e.key === 'Enter') { e.preventDefault(); if (fields[0]) focusId(fields[0]); else void add(); }
  }

  const err = (...paths: string[]) => { const e = errorAt(errors, ...paths); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(errors, ['accountNumber', 'feeInputs', 'lines', 'revenueCode', 'inputs']);
  const unit = rule && 'unitLabel' in rule ? rule.unitLabel : '';
  return (
    <Dialog id="fee-dialog" title={t('fee.title')} onClose={onClose} wide>
      <form onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <div className="field">
          <label htmlFor="fee-code">{t('fee.code')}</label>
          <select id="fee-code" value={code} data-autofocus="" onKeyDown={onCodeKey}
            onChange={(e) => { setCode(e.target.value); setQuote(null); setErrors({}); }} aria-describedby={errors.revenueCode ? 'fee-code-err' : undefined}>
            {codes.map((c) => <option key={c.code} value={c.code}>{c.code} — {codeName(c, lang)}</option>)}
          </select>
          <FieldError id="fee-code-err" text={err('revenueCode')} />
        </div>
        {(rule?.type === 'tiered' || rule?.type === 'per_unit') && (
          <TextInput id="fee-quantity" label={t('fee.quantity', { unit })} value={quantity} digits maxLength={8}
            onChange={(v) => { setQuantity(v); setErrors({}); }} onEnter={() => next('fee-quantity')} error={err('feeInputs.quantity', 'inputs.quantity')} />
        )}
        {(rule?.type === 'percentage' || rule?.type === 'late_penalty') && (
          <AmountInput id="fee-base" label={t('fee.base', { label: rule.type === 'percentage' ? rule.baseLabel : '' })} value={base}
            onChange={(v) => { setBase(v); setErrors({}); }} onEnter={() => next('fee-base')} error={err('feeInputs.baseCents', 'inputs.baseCents')} />
        )}
        {rule?.type === 'late_penalty' && (
          <TextInput id="fee-months" label={t('fee.months')} value={months} digits maxLength={3}
            onChange={(v) => { setMonths(v); setErrors({}); }} onEnter={() => next('fee-months')} error={err('feeInputs.monthsPastDue', 'inputs.monthsPastDue')} />
        )}
        {rule?.type === 'open' && (
          <AmountInput id="fee-amount" label={t('fee.amount')} value={amount} onChange={setAmount} onEnter={() => next('fee-amount')} big />
        )}
        {rc?.requiresAccount && (
          <TextInput id="fee-account" label={t('fee.accountNumber')} value={account} maxLength={32}
            onChange={(v) => { setAccount(v); setErrors({}); }} onEnter={() => next('fee-account')} error={err('accountNumber')} />
        )}
        {rule && rule.type !== 'open' && (
          <p className="quote" role="status">
            {rule.type === 'fixed' ? <>{t('fee.fixed')}: <strong>{money(rule.amountCents, lang)}</strong></>
              : quote && quote.revenueCode === code ? <>{t('fee.computed')}: <strong data-testid="fee-quote">{money(quote.amountCents, lang)}</strong> <span className="muted">({explainFee(quote.rule, inputs(), quote.amountCents, lang)})</span></> : null}
          </p>
        )}
        <FieldError id="fee-err" text={other ? errorText(other, lang) : undefined} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{t('fee.add')} <kbd>Enter</kbd></button>
          <button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
