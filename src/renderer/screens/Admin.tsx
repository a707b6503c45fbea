// Settings: the station (ID, city, receipt header, cut-off, float, limits, language), the language
// of receipts, backups of the ledger, the devices and printing (admin), and the users (add, new PIN, deactivate, clear a lockout). Admin changes; a supervisor
// can clear lockouts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAtLeast, ROLES, type Role } from '../../shared/domain';
import type { PrintSettings } from '../../shared/printing';
import type { ApiError } from '../../shared/errors';
import type { StationSettings, UserAdminView } from '../../shared/views';
import { AmountInput } from '../components/AmountInput';
import { FieldError } from '../components/FieldError';
import { Page } from '../components/Page';
import { TextInput } from '../components/TextInput';
import { amountOf, keysFor, type AmountKeys } from '../amountEntry';
import { errorAt, errorText, unclaimed } from '../errors';
import { call } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { DeviceSettings } from './admin/DeviceSettings';
import { BackupSettings } from './admin/BackupSettings';
import { BankProfileSettings } from './admin/BankProfile';
import { ArrangementPolicyForm } from './admin/ArrangementPolicy';
import { StubSettings } from './admin/StubSettings';
import { SupportBundle } from './admin/SupportBundle';

type MoneyKey = 'floatCents' | 'dropLimitCents' | 'overShortToleranceCents' | 'returnedCheckFeeCents';
const MONEY: MoneyKey[] = ['floatCents', 'dropLimitCents', 'overShortToleranceCents', 'returnedCheckFeeCents'];
const TEXT = ['stationId', 'cityName', 'cityAddress', 'cutoff', 'timeZone'] as const;
const BANK = ['name', 'routing', 'account'] as const;
const BANK_LABEL = { name: 'bankName', routing: 'bankRouting', account: 'bankAccount' } as const;
const NUMBERS = ['lockoutAttempts', 'lockoutMinutes', 'cashOnlyMonths', 'idleLockMinutes'] as const;

function SettingsForm({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [s, setS] = useState<StationSettings | null>(null);
  const [money, setMoney] = useState<Record<MoneyKey, AmountKeys> | null>(null);
  const [print, setPrint] = useState<PrintSettings | null>(null);
  const a = useAction();
  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      setS(r.value);
      setMoney(Object.fromEntries(MONEY.map((k) => [k, keysFor(r.value[k])])) as Record<MoneyKey, AmountKeys>);
    });
    void call('printing.settings', {}).then((r) => { if (r.ok) setPrint(r.value); });
  }, []);
  if (!s || !money) return null;
  const save = () => void a.run(async () => {
    // The bank goes with the save once any of it is filled in (a new station has none yet).
    const { depositBank, ...rest } = s;
    const bankGiven = !!(depositBank.name || depositBank.routing || depositBank.account);
    const r = await call('settings.update', { ...rest, ...(bankGiven ? { depositBank } : {}), ...Object.fromEntries(MONEY.map((k) => [k, amountOf(money[k]) ?? 0])) });
    if (r.ok && print) {
      const p = await call('printing.updateSettings', { receiptLanguage: print.receiptLanguage });
      if (!p.ok) return p;
    }
    return r;
  }, (v) => { setS(v); notify('info', t('admin.saved')); void useApp.getState().loadInfo(); });
  const err = (k: string) => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, [...TEXT, ...NUMBERS, ...MONEY, 'language', 'receiptLanguage', 'cashRounding', ...BANK.map((k) => `depositBank.${k}`)]);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="adm-settings-title">
      <h2 id="adm-settings-title">{t('admin.station')}</h2>
      <fieldset disabled={!admin} className="plain">
        <div className="grid3">
          {TEXT.map((k, i) => <TextInput key={k} id={`adm-${k}`} label={t(`admin.fields.${k}`)} value={s[k]} onChange={(v) => setS({ ...s, [k]: v })} maxLength={160} autoFocus={i === 0} error={err(k)} />)}
          {NUMBERS.map((k) => <TextInput key={k} id={`adm-${k}`} label={t(`admin.fields.${k}`)} value={String(s[k])} digits maxLength={5} onChange={(v) => setS({ ...s, [k]: Number(v || '0') })} error={err(k)} />)}
          {MONEY.map((k) => <AmountInput key={k} id={`adm-${k}`} label={t(`admin.fields.${k}`)} value={money[k]} onChange={(v) => setMoney({ ...money, [k]: v })} error={err(k)} />)}
          <div className="field">
            <label htmlFor="adm-language">{t('admin.fields.language')}</label>
            <select id="adm-language" value={s.language} onChange={(e) => setS({ ...s, language: e.target.value as 'en' | 'es' })}>
              <option value="en">English</option><option value="es">Español</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="adm-cashRounding">{t('admin.fields.cashRounding')}</label>
            <select id="adm-cashRounding" value={s.cashRounding} onChange={(e) => setS({ ...s, cashRounding: e.target.value as StationSettings['cashRounding'] })}>
              <option value="none">{t('admin.fields.roundingNone')}</option><option value="nearest_5">{t('admin.fields.roundingNearest5')}</option>
            </select>
          </div>
          {print && (
            <div className="field">
              <label htmlFor="adm-receipt-lang">{t('admin.fields.receiptLanguage')}</label>
              <select id="adm-receipt-lang" value={print.receiptLanguage} onChange={(e) => setPrint({ ...print, receiptLanguage: e.target.value as PrintSettings['receiptLanguage'] })}>
                <option value="station">{t('admin.receiptStation')}</option><option value="en">English</option><option value="es">Español</option>
              </select>
            </div>
          )}
        </div>
        <h3>{t('admin.fields.bank')}</h3>
        <div className="grid3">
          {BANK.map((k) => <TextInput key={k} id={`adm-bank-${k}`} label={t(`admin.fields.${BANK_LABEL[k]}`)} value={s.depositBank[k]} digits={k !== 'name'} maxLength={k === 'name' ? 80 : 17}
            onChange={(v) => setS({ ...s, depositBank: { ...s.depositBank, [k]: v } })} error={err(`depositBank.${k}`)} />)}
        </div>
      </fieldset>
      <FieldError id="adm-err" text={other ? errorText(other, lang) : undefined} />
      {admin && <div className="actions"><button type="submit" className="primary" disabled={a.busy}>{t('admin.save')}</button></div>}
    </form>
  );
}

function Users({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [users, setUsers] = useState<UserAdminView[]>([]);
  const [nu, setNu] = useState({ id: '', name: '', role: 'cashier' as Role, pin: '' });
  const [pinFor, setPinFor] = useState<Record<string, string>>({});
  const a = useAction();
  const load = () => void call('users.list', {}).then((r) => { if (r.ok) setUsers(r.value); });
  useEffect(load, []);
  const act = async (fn: () => Promise<{ ok: true } | { ok: false; error: ApiError }>) => {
    const r = await fn();
    if (!r.ok) notify('error', errorText(r.error, lang)); else notify('info', t('admin.saved'));
    load();
  };
  const create = () => void a.run(() => call('users.create', nu), () => { setNu({ id: '', name: '', role: 'cashier', pin: '' }); load(); }, { id: 'nu-id', name: 'nu-name', pin: 'nu-pin' });
  const err = (k: string) => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; };
  return (
    <section aria-labelledby="adm-users-title">
      <h2 id="adm-users-title">{t('admin.users')}</h2>
      <table className="data">
        <thead><tr><th scope="col">{t('signIn.userId')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.status')}</th><th scope="col"><span className="sr-only">{t('devices.actions')}</span></th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row" className="mono">{u.id}</th><td>{u.name}</td><td>{t(`app.role.${u.role}`)}</td>
              <td>{!u.active ? t('admin.inactive') : u.lockedUntil ? t('admin.locked') : t('admin.active')}</td>
              <td className="row-actions">
                {u.lockedUntil && <button type="button" className="secondary small" onClick={() => void act(() => call('users.unlock', { userId: u.id }))}>{t('admin.unlock')}</button>}
                {admin && <button type="button" className="ghost small" onClick={() => void act(() => call('users.setActive', { userId: u.id, active: !u.active }))}>{u.active ? t('admin.deactivate') : t('admin.activate')}</button>}
                {admin && (
                  <span className="inline-pin">
                    <label className="sr-only" htmlFor={`pin-${u.id}`}>{t('admin.newPinFor', { name: u.name })}</label>
                    <input id={`pin-${u.id}`} type="password" inputMode="numeric" maxLength={8} placeholder={t('admin.newPin')} value={pinFor[u.id] ?? ''}
                      onChange={(e) => setPinFor({ ...pinFor, [u.id]: e.target.value.replace(/\D/g, '') })} />
                    <button type="button" className="ghost small" onClick={() => void act(() => call('users.setPin', { userId: u.id, pin: pinFor[u.id] ?? '' })).then(() => setPinFor({ ...pinFor, [u.id]: '' }))}>{t('admin.setPin')}</button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin && (
        <form onSubmit={(e) => { e.preventDefault(); create(); }} aria-labelledby="adm-new-title">
          <h3 id="adm-new-title">{t('admin.newUser')}</h3>
          <div className="grid3">
            <TextInput id="nu-id" label={t('signIn.userId')} value={nu.id} onChange={(id) => setNu({ ...nu, id })} maxLength={32} error={err('id')} />
            <TextInput id="nu-name" label={t('admin.name')} value={nu.name} onChange={(name) => setNu({ ...nu, name })} maxLength={80} error={err('name')} />
            <div className="field">
              <label htmlFor="nu-role">{t('admin.role')}</label>
              <select id="nu-role" value={nu.role} onChange={(e) => setNu({ ...nu, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{t(`app.role.${r}`)}</option>)}</select>
            </div>
            <TextInput id="nu-pin" label={t('signIn.pin')} value={nu.pin} onChange={(pin) => setNu({ ...nu, pin })} secret digits maxLength={8} error={err('pin')} />
          </div>
          <FieldError id="nu-err" text={unclaimed(a.errors, ['id', 'name', 'pin']) ? errorText(unclaimed(a.errors, ['id', 'name', 'pin'])!, lang) : undefined} />
          <div className="actions"><button type="submit" className="primary" disabled={a.busy}>{t('admin.add')}</button></div>
        </form>
      )}
    </section>
  );
}

export function Admin() {
  const { t } = useTranslation();
  const user = useApp((s) => s.user)!;
  const admin = roleAtLeast(user.role, 'admin');
  const refused = useApp((s) => s.sync?.refused ?? null);
  const go = useApp((s) => s.go);
  return (
    <Page id="admin" title={t('admin.title')}>
      {refused && (
        // SYNC STOPPED is said here too: it is what IT looks at first.
        <div className="alert-box" role="alert" data-testid="settings-sync-refused">
          <strong>{t('sync.refusedTitle')}</strong>
          <p className="mono small" lang="en">{refused.status} {refused.code}: {refused.message}</p>
          <div className="actions"><button type="button" className="secondary" onClick={() => go('sync')}>{t('sync.openSync')}</button></div>
        </div>
      )}
      <div className="two-col">
        <section className="panel"><SettingsForm admin={admin} /></section>
        <section className="panel"><Users admin={admin} /></section>
      </div>
      <section className="panel"><BackupSettings admin={admin} /></section>
      <section className="panel"><BankProfileSettings admin={admin} /></section>
      <section className="panel"><ArrangementPolicyForm admin={admin} /></section>
      {admin && <section className="panel"><DeviceSettings /></section>}
      {admin && <section className="panel"><StubSettings /></section>}
      {admin && <section className="panel"><SupportBundle /></section>}
    </Page>
  );
}
