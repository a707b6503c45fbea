// Open the drawer: count the float by denomination, or take the standard float in one key.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STANDARD_FLOAT, type DenominationCounts } from '../../shared/denominations';
import { CountSheet, countsTotal } from '../components/CountSheet';
import { FieldError } from '../components/FieldError';
import { byField, errorText, unclaimed, type FieldErrors } from '../errors';
import { money } from '../format';
import { useHotkeys } from '../hotkeys';
import { call } from '../transport';
import { useApp } from '../store/app';

export function OpenDrawer() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user)!;
  const session = useApp((s) => s.session);
  const setSession = useApp((s) => s.setSession);
  const signOut = useApp((s) => s.signOut);
  const [counts, setCounts] = useState<DenominationCounts>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // One request ID per opening attempt: a second press opens nothing twice.
  const [attempt] = useState(() => crypto.randomUUID());

  async function open(floatCounts: DenominationCounts) {
    if (busy) return;
    setBusy(true);
    const r = await call('session.open', { id: attempt, floatCounts });
    setBusy(false);
    if (!r.ok) { setErrors(byField(r.error)); return; }
    setSession(r.value);
  }

  useHotkeys({ F4: () => { setCounts(STANDARD_FLOAT); void open(STANDARD_FLOAT); }, F9: () => void open(counts) }, !session);

  if (session && (session.cashierId !== user.id || session.state !== 'open')) {
    return (
      <main className="screen center">
        <div className="card narrow">
          <h1>{t('open.title')}</h1>
          <p className="error-box" role="status">{session.state === 'open' ? t('open.otherCashier', { name: session.cashierName }) : t('open.counted', { name: session.cashierName })}</p>
          <div className="actions">
            <button type="button" className="secondary big" data-autofocus="" onClick={() => void signOut()}>{t('app.signOut')}</button>
            <button type="button" className="secondary big" onClick={() => useApp.getState().setOffice(true)}>{t('office.title')} <kbd>Alt+O</kbd></button>
          </div>
        </div>
      </main>
    );
  }

  const other = unclaimed(errors, ['floatCounts']);
  const std = countsTotal(STANDARD_FLOAT);
  return (
    <main className="screen open-drawer">
      <div className="card">
        <h1>{t('open.title')}</h1>
        <p>{t('open.intro')}</p>
        <div className="actions top">
          <button type="button" className="secondary big" onClick={() => { setCounts(STANDARD_FLOAT); void open(STANDARD_FLOAT); }} disabled={busy}>
            {t('open.standard', { amount: money(std, lang) })} <kbd>F4</kbd>
          </button>
        </div>
        <CountSheet id="float" counts={counts} onChange={(c) => { setCounts(c); setErrors({}); }} errors={errors} path="floatCounts"
          onDone={() => document.getElementById('open-submit')?.focus()} caption={t('open.total')} />
        <FieldError id="open-err" text={other ? errorText(other, lang) : undefined} />
        <div className="actions">
          <button id="open-submit" type="button" className="primary big" onClick={() => void open(counts)} disabled={busy}>
            {t('open.submit')} {money(countsTotal(counts), lang)} <kbd>F9</kbd>
          </button>
        </div>
        <div className="actions foot">
          <button type="button" className="secondary" onClick={() => useApp.getState().setOffice(true)}>{t('office.title')} <kbd>Alt+O</kbd></button>
          <button type="button" className="secondary" onClick={() => void signOut()}>{t('app.signOut')}</button>
        </div>
      </div>
    </main>
  );
}
