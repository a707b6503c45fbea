// The card terminal among the devices: whether it is set up, card payments not yet settled with it,
// and for an admin its address, POIID, key identifier and version, passphrase (write-only) and the
// pinned certificate, with Test (a diagnosis request).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalSettingsView } from '../../../shared/contract/card';
import { roleAtLeast } from '../../../shared/domain';
import { TextInput } from '../../components/TextInput';
import { FieldError } from '../../components/FieldError';
import { errorAt, errorText } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';
import { useCard } from '../../store/card';

export function TerminalSettings() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user)!;
  const notify = useApp((s) => s.notify);
  const unresolved = useCard((s) => s.unresolved);
  const [view, setView] = useState<TerminalSettingsView | null>(null);
  const [form, setForm] = useState({ url: '', poiId: '', keyIdentifier: '', keyVersion: '1', passphrase: '', certificatePin: '' });
  const [tested, setTested] = useState<string | null>(null);
  const a = useAction();
  const admin = roleAtLeast(user.role, 'admin');

  async function load() {
    const r = await call('card.settings', {});
    if (r.ok) {
      setView(r.value);
      setForm({ url: r.value.url, poiId: r.value.poiId, keyIdentifier: r.value.keyIdentifier, keyVersion: String(r.value.keyVersion), passphrase: '', certificatePin: r.value.certificatePin });
    }
    void useCard.getState().load();
  }
  useEffect(() => { void load(); }, []);

  const save = (enabled: boolean) => void a.run(() => call('card.updateSettings', {
    enabled, url: form.url.trim(), poiId: form.poiId.trim(), keyIdentifier: form.keyIdentifier.trim(), keyVersion: Number(form.keyVersion),
    ...(form.certificatePin.trim() ? { certificatePin: form.certificatePin.trim() } : {}), ...(form.passphrase ? { passphrase: form.passphrase } : {}),
  }), (v) => { setView(v); setForm((f) => ({ ...f, passphrase: '' })); notify('info', t('terminal.saved')); void useCard.getState().load(); });
  async function test() {
    const r = await call('card.test', {});
    setTested(r.ok ? (r.value.ok ? t('terminal.testOk') : t('terminal.testBad', { status: r.value.status })) : errorText(r.error, lang));
  }
  const err = (f: string) => { const e = errorAt(a.errors, f); return e ? errorText(e, lang) : undefined; };
  const whole = errorAt(a.errors, '');
  const set = (k: keyof typeof form) => (v: string) => { setForm({ ...form, [k]: v }); a.setErrors({}); };
  return (
    <section className="panel" aria-labelledby="dev-terminal-title">
      <h2 id="dev-terminal-title">{t('terminal.title')}</h2>
      <p role="status" data-testid="terminal-status">{view?.enabled ? t('terminal.on', { poiId: view.poiId }) : t('terminal.off')}{unresolved.length ? ` · ${t('terminal.unresolved', { n: unresolved.length })}` : ''}</p>
      {admin && (
        <form onSubmit={(e) => { e.preventDefault(); save(true); }}>
          <div className="grid3">
            <TextInput id="term-url" label={t('terminal.url')} value={form.url} onChange={set('url')} maxLength={200} error={err('url')} className="span2" />
            <TextInput id="term-poiid" label={t('terminal.poiId')} value={form.poiId} onChange={set('poiId')} maxLength={40} error={err('poiId')} />
            <TextInput id="term-keyid" label={t('terminal.keyIdentifier')} value={form.keyIdentifier} onChange={set('keyIdentifier')} maxLength={40} error={err('keyIdentifier')} />
            <TextInput id="term-keyver" label={t('terminal.keyVersion')} value={form.keyVersion} onChange={set('keyVersion')} digits maxLength={7} error={err('keyVersion')} />
            <TextInput id="term-pass" label={t('terminal.passphrase')} value={form.passphrase} onChange={set('passphrase')} secret maxLength={100} autoComplete="new-password"
              hint={view?.passphraseSet ? t('terminal.passphraseSet') : t('terminal.passphraseNone')} error={err('passphrase')} />
            <TextInput id="term-pin" label={t('terminal.certificatePin')} value={form.certificatePin} onChange={set('certificatePin')} maxLength={95} error={err('certificatePin')} className="span3" />
          </div>
          <FieldError id="term-err" text={whole ? errorText(whole, lang) : undefined} />
          <div className="actions">
            <button type="submit" className="primary">{t('terminal.save')}</button>
            {view?.enabled && <button type="button" className="ghost" onClick={() => save(false)}>{t('terminal.turnOff')}</button>}
            <button type="button" className="secondary" onClick={() => void test()}>{t('devices.test')}</button>
          </div>
          {tested && <p role="status" data-testid="terminal-test">{tested}</p>}
        </form>
      )}
    </section>
  );
}
