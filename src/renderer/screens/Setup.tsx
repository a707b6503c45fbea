// First run: a station with no users is set up here, not signed in to. Either enrolled with the city hub
// from its one-time code (the directory then arrives with a progress bar), or set up on its own (first
// admin, city, station ID, time zone, catalogue and accounts files). The station decides and checks
// everything; this screen only asks.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETUP_MIN_PIN, type SetupStatusView } from '../../shared/contract/setup';
import { FieldError } from '../components/FieldError';
import { TextInput } from '../components/TextInput';
import { errorAt, errorText, unclaimed } from '../errors';
import { messageText } from '../messageText';
import { call } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';

type Way = 'choose' | 'hub' | 'alone';

function Fetching({ status }: { status: SetupStatusView }) {
  const { t } = useTranslation();
  const setSetup = useApp((s) => s.setSetup);
  // The directory arrives in the background: its progress is asked for once a second.
  useEffect(() => {
    const timer = setInterval(() => { void call('setup.status', {}).then((r) => { if (r.ok) setSetup(r.value); }); }, 1000);
    return () => clearInterval(timer);
  }, [setSetup]);
  const pct = Math.round((status.progress ?? 0) * 100);
  return (
    <div data-testid="setup-fetching">
      <p>{t('setup.fetching', { id: status.stationId ?? '' })}</p>
      <label htmlFor="setup-progress">{t('setup.progress')}: {pct}%</label>
      <progress id="setup-progress" max={100} value={pct} />
      {status.lastError && <p className="alert-box" role="alert">{t('setup.retrying')} <span className="muted small">{messageText(status.lastError, '')}</span></p>}
      {status.directoryComplete && status.users === 0 && <p className="alert-box" role="alert">{t('setup.noUsers')}</p>}
    </div>
  );
}

function EnrolForm({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const setSetup = useApp((s) => s.setSetup);
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const a = useAction();
  const submit = () => void a.run(() => call('setup.enrol', { hubUrl: hubUrl.trim(), code: code.trim() }), setSetup, { hubUrl: 'setup-hub', code: 'setup-code' });
  const err = (f: string) => { const e = errorAt(a.errors, f); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['hubUrl', 'code']);
  return (
    <form className="setup-form" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-labelledby="setup-hub-title">
      <h2 id="setup-hub-title">{t('setup.hubTitle')}</h2>
      <TextInput id="setup-hub" label={t('setup.hubUrl')} hint={t('setup.hubUrlHint')} value={hubUrl} onChange={setHubUrl} onEnter={() => document.getElementById('setup-code')?.focus()} autoFocus error={err('hubUrl')} />
      <TextInput id="setup-code" label={t('setup.code')} hint={t('setup.codeHint')} value={code} onChange={setCode} onEnter={submit} error={err('code')} />
      <FieldError id="setup-enrol-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions">
        <button type="submit" className="primary big" disabled={a.busy}>{t('setup.enrol')}</button>
        <button type="button" className="secondary" onClick={onBack}>{t('setup.back')}</button>
      </div>
    </form>
  );
}

const ALONE_FIELDS = ['adminId', 'adminName', 'pin', 'pinAgain', 'cityName', 'cityAddress', 'stationId', 'timeZone', 'catalogFile', 'accountsFile'] as const;
type AloneField = (typeof ALONE_FIELDS)[number];

function StandAloneForm({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const setSetup = useApp((s) => s.setSetup);
  const notify = useApp((s) => s.notify);
  const [v, setV] = useState<Record<AloneField, string>>(() => ({
    adminId: '', adminName: '', pin: '', pinAgain: '', cityName: '', cityAddress: '', stationId: 'ST01',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', catalogFile: '', accountsFile: '',
  }));
  const a = useAction();
  const field = (k: AloneField) => ({
    id: `setup-${k}`, value: v[k], onChange: (x: string) => { setV((o) => ({ ...o, [k]: x })); a.setErrors({}); },
    error: (() => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; })(),
  });
  const submit = () => void a.run(() => call('setup.standAlone', {
    adminId: v.adminId.trim(), adminName: v.adminName, pin: v.pin, pinAgain: v.pinAgain, cityName: v.cityName, cityAddress: v.cityAddress,
    stationId: v.stationId.trim(), timeZone: v.timeZone.trim(), language: lang, catalogFile: v.catalogFile.trim(), accountsFile: v.accountsFile.trim() || null,
  }), (s) => { notify('info', () => t('setup.done')); setSetup(s); }, Object.fromEntries(ALONE_FIELDS.map((k) => [k, `setup-${k}`])));
  const other = unclaimed(a.errors, [...ALONE_FIELDS]);
  return (
    <form className="setup-form" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-labelledby="setup-alone-title">
      <h2 id="setup-alone-title">{t('setup.aloneTitle')}</h2>
      <fieldset><legend>{t('setup.admin')}</legend>
        <TextInput label={t('setup.adminId')} autoFocus {...field('adminId')} />
        <TextInput label={t('setup.adminName')} {...field('adminName')} />
        <TextInput label={t('setup.pin')} hint={t('setup.pinHint', { min: SETUP_MIN_PIN })} secret digits maxLength={8} autoComplete="new-password" {...field('pin')} />
        <TextInput label={t('setup.pinAgain')} secret digits maxLength={8} autoComplete="new-password" {...field('pinAgain')} />
      </fieldset>
      <fieldset><legend>{t('setup.city')}</legend>
        <TextInput label={t('setup.cityName')} {...field('cityName')} />
        <TextInput label={t('setup.cityAddress')} {...field('cityAddress')} />
        <TextInput label={t('setup.stationId')} hint={t('setup.stationIdHint')} maxLength={8} {...field('stationId')} />
        <TextInput label={t('setup.timeZone')} {...field('timeZone')} />
      </fieldset>
      <fieldset><legend>{t('setup.files')}</legend>
        <TextInput label={t('setup.catalogFile')} hint={t('setup.catalogHint')} {...field('catalogFile')} />
        <TextInput label={t('setup.accountsFile')} hint={t('setup.accountsHint')} onEnter={submit} {...field('accountsFile')} />
      </fieldset>
      <FieldError id="setup-alone-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions">
        <button type="submit" className="primary big" disabled={a.busy}>{t('setup.create')}</button>
        <button type="button" className="secondary" onClick={onBack}>{t('setup.back')}</button>
      </div>
    </form>
  );
}

export function Setup() {
  const { t } = useTranslation();
  const status = useApp((s) => s.setup);
  const [way, setWay] = useState<Way>('choose');
  const fetching = status?.state === 'fetching';
  return (
    <main className="screen center setup">
      <div className="card wide">
        <h1 id="setup-title">{t('setup.title')}</h1>
        {fetching && status ? <Fetching status={status} /> : way === 'choose' ? (
          <>
            <p>{t('setup.intro')}</p>
            <div className="actions column">
              <button type="button" id="setup-choose-hub" className="primary big" onClick={() => setWay('hub')} autoFocus aria-describedby="setup-hub-hint">{t('setup.chooseHub')}</button>
              <p id="setup-hub-hint" className="muted small">{t('setup.chooseHubHint')}</p>
              <button type="button" id="setup-choose-alone" className="secondary big" onClick={() => setWay('alone')} aria-describedby="setup-alone-hint">{t('setup.chooseAlone')}</button>
              <p id="setup-alone-hint" className="muted small">{t('setup.chooseAloneHint')}</p>
            </div>
          </>
        ) : way === 'hub' ? <EnrolForm onBack={() => setWay('choose')} /> : <StandAloneForm onBack={() => setWay('choose')} />}
      </div>
    </main>
  );
}
