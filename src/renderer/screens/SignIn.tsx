// Sign in with user ID and PIN. The last user ID is remembered, so at the ten-key it is PIN + Enter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextInput } from '../components/TextInput';
import { errorAt, errorText, byField, unclaimed, type FieldErrors } from '../errors';
import { focusId } from '../focus';
import { call } from '../transport';
import { useApp } from '../store/app';
import { FieldError } from '../components/FieldError';

const LAST_USER = 'civictill.lastUser';

export function SignIn() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const lang = useApp((s) => s.lang);
  const signedIn = useApp((s) => s.signedIn);
  const [userId, setUserId] = useState(() => localStorage.getItem(LAST_USER) ?? '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    if (!userId.trim()) { focusId('signin-user'); return; }
    setBusy(true);
    const r = await call('auth.signIn', { userId: userId.trim(), pin });
    setBusy(false);
    if (!r.ok) {
      setErrors(byField(r.error));
      setPin('');
      focusId(r.error.field === 'userId' ? 'signin-user' : 'signin-pin');
      return;
    }
    localStorage.setItem(LAST_USER, r.value.user.id);
    await signedIn(r.value.user);
  }

  const userErr = errorAt(errors, 'userId');
  const pinErr = errorAt(errors, 'pin');
  const other = unclaimed(errors, ['userId', 'pin']);
  const remembered = userId !== '';
  return (
    <main className="screen center signin">
      <form className="card narrow" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signIn.title')}</h1>
        {info && <p className="muted">{t('signIn.welcome', { city: info.cityName })}</p>}
        <TextInput id="signin-user" label={t('signIn.userId')} value={userId} onChange={(v) => { setUserId(v); setErrors({}); }}
          onEnter={() => focusId('signin-pin')} autoFocus={!remembered} autoComplete="username" error={userErr ? errorText(userErr, lang) : undefined} />
        <TextInput id="signin-pin" label={t('signIn.pin')} value={pin} onChange={(v) => { setPin(v); setErrors({}); }} onEnter={() => void submit()}
          secret digits maxLength={8} autoFocus={remembered} autoComplete="current-password" hint={t('signIn.pinHint')}
          error={pinErr ? errorText(pinErr, lang) : undefined} className="pin" />
        <FieldError id="signin-err" text={other ? errorText(other, lang) : undefined} />
        <button type="submit" className="primary big" disabled={busy}>{t('signIn.submit')} <kbd>Enter</kbd></button>
      </form>
    </main>
  );
}
