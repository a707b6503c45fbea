// The station locked while the cashier steps away: the sale in progress waits; their PIN unlocks.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextInput } from '../components/TextInput';
import { FieldError } from '../components/FieldError';
import { byField, errorAt, errorText, unclaimed, type FieldErrors } from '../errors';
import { call } from '../transport';
import { useApp } from '../store/app';
import { useSale } from '../store/sale';

export function Lock() {
  const { t } = useTranslation();
  const user = useApp((s) => s.user)!;
  const lang = useApp((s) => s.lang);
  const unlocked = useApp((s) => s.unlocked);
  const signOut = useApp((s) => s.signOut);
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function unlock() {
    if (busy) return;
    setBusy(true);
    const r = await call('auth.signIn', { userId: user.id, pin });
    setBusy(false);
    setPin('');
    if (!r.ok) { setErrors(byField(r.error)); return; }
    unlocked(r.value.user);
  }

  async function someoneElse() {
    useSale.getState().cancelSale();
    await signOut();
  }

  const pinErr = errorAt(errors, 'pin');
  const other = unclaimed(errors, ['pin']);
  return (
    <main className="screen center locked">
      <form className="card narrow" onSubmit={(e) => { e.preventDefault(); void unlock(); }} aria-labelledby="lock-title">
        <h1 id="lock-title"><span aria-hidden="true">🔒 </span>{t('lock.title')}</h1>
        <p>{t('lock.who', { name: user.name })}</p>
        <TextInput id="lock-pin" label={t('signIn.pin')} value={pin} onChange={(v) => { setPin(v); setErrors({}); }} onEnter={() => void unlock()}
          secret digits maxLength={8} autoFocus autoComplete="current-password" error={pinErr ? errorText(pinErr, lang) : undefined} className="pin" />
        <FieldError id="lock-err" text={other ? errorText(other, lang) : undefined} />
        <button type="submit" className="primary big" disabled={busy}>{t('lock.unlock')} <kbd>Enter</kbd></button>
        <button type="button" className="secondary" onClick={() => void someoneElse()}>{t('lock.other')}</button>
      </form>
    </main>
  );
}
