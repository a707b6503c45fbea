// The payment arrangement policy (admin): most instalments, least down payment (a percentage with a
// floor), longest span, which accounts may have one, the months after a broken one, the days past due
// that break it, and the terms printed on the agreement in each language. Others see it read-only.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../shared/domain';
import type { ArrangementPolicy } from '../../../shared/contract/arrangements';
import { AmountInput } from '../../components/AmountInput';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { amountOf, keysFor, type AmountKeys } from '../../amountEntry';
import { errorAt, errorText, unclaimed } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

const NUMBERS = ['maxInstalments', 'maxSpanDays', 'brokenCoolOffMonths', 'breakDaysPastDue'] as const;
const ELIGIBLE: AccountStatus[] = ACCOUNT_STATUSES.filter((s) => s !== 'closed' && s !== 'final');

export function ArrangementPolicyForm({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [p, setP] = useState<ArrangementPolicy | null>(null);
  const [floor, setFloor] = useState<AmountKeys>({ keys: '' });
  const a = useAction();
  useEffect(() => {
    void call('arrangement.policy', {}).then((r) => { if (r.ok) { setP(r.value); setFloor(keysFor(r.value.minDownPaymentFloorCents)); } });
  }, []);
  if (!p) return null;
  const save = () => void a.run(() => call('arrangement.updatePolicy', { ...p, minDownPaymentFloorCents: amountOf(floor) ?? 0 }), (v) => { setP(v); notify('info', t('admin.saved')); });
  const err = (k: string) => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, [...NUMBERS, 'minDownPaymentPercent', 'minDownPaymentFloorCents', 'allowedStatuses', 'termsEn', 'termsEs']);
  const toggle = (s: AccountStatus) => setP({ ...p, allowedStatuses: p.allowedStatuses.includes(s) ? p.allowedStatuses.filter((x) => x !== s) : [...p.allowedStatuses, s] });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="adm-arr-title">
      <h2 id="adm-arr-title">{t('arrangement.policy.title')}</h2>
      <fieldset disabled={!admin} className="plain">
        <div className="grid3">
          {NUMBERS.map((k) => <TextInput key={k} id={`pol-${k}`} label={t(`arrangement.policy.${k}`)} value={String(p[k])} digits maxLength={4} onChange={(v) => setP({ ...p, [k]: Number(v || '0') })} error={err(k)} />)}
          <TextInput id="pol-minDownPaymentPercent" label={t('arrangement.policy.minDownPaymentPercent')} value={p.minDownPaymentPercent} maxLength={6} onChange={(v) => setP({ ...p, minDownPaymentPercent: v.trim() })} error={err('minDownPaymentPercent')} />
          <AmountInput id="pol-floor" label={t('arrangement.policy.minDownPaymentFloorCents')} value={floor} onChange={setFloor} error={err('minDownPaymentFloorCents')} />
        </div>
        <fieldset className="plain">
          <legend>{t('arrangement.policy.allowedStatuses')}</legend>
          {ELIGIBLE.map((s) => <label key={s} className="check"><input type="checkbox" checked={p.allowedStatuses.includes(s)} onChange={() => toggle(s)} /> {t(`status.${s}`)}</label>)}
          <FieldError id="pol-statuses-err" text={err('allowedStatuses')} />
        </fieldset>
        {(['termsEn', 'termsEs'] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`pol-${k}`}>{t(`arrangement.policy.${k}`)}</label>
            <textarea id={`pol-${k}`} rows={4} value={p[k]} maxLength={2000} onChange={(e) => setP({ ...p, [k]: e.target.value })} aria-describedby={err(k) ? `pol-${k}-err` : undefined} />
            <FieldError id={`pol-${k}-err`} text={err(k)} />
          </div>
        ))}
      </fieldset>
      <FieldError id="pol-err" text={other ? errorText(other, lang) : undefined} />
      {admin && <div className="actions"><button type="submit" className="primary" disabled={a.busy}>{t('arrangement.policy.save')}</button></div>}
    </form>
  );
}
