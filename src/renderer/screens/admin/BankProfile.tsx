// Settings → The bank for image cash letters: where the X9 file goes (the bank's routing number, checked
// against the ABA check digit by the station, names, file ID modifier, text encoding, checks per bundle,
// test or production) and how long the paper and the images are kept. A supervisor sees it; an admin
// changes it. Nothing is saved from a form the station refuses: the reason shows on its field.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankProfile } from '../../../shared/checkImages';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { errorAt, errorText, unclaimed } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

type Form = Record<keyof BankProfile, string>;
const TEXT = ['destinationRouting', 'destinationName', 'originRouting', 'originName', 'depositAccount', 'fileIdModifier'] as const;
const NUMBERS = ['maxItemsPerBundle', 'paperRetentionDays', 'imageRetentionYears'] as const;
const MAX: Record<(typeof TEXT)[number], number> = { destinationRouting: 9, originRouting: 9, depositAccount: 17, destinationName: 18, originName: 18, fileIdModifier: 1 };

const toForm = (p: BankProfile): Form => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) as Form;

export function BankProfileSettings({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [form, setForm] = useState<Form | null>(null);
  const a = useAction();
  useEffect(() => { void call('checkImages.bankProfile', {}).then((r) => { if (r.ok) setForm(toForm(r.value)); }); }, []);
  if (!form) return null;
  const set = (k: keyof BankProfile, v: string) => { setForm({ ...form, [k]: v }); a.setErrors({}); };
  const save = () => void a.run(() => call('checkImages.setBankProfile', {
    ...Object.fromEntries(TEXT.map((k) => [k, form[k].trim()])),
    ...Object.fromEntries(NUMBERS.map((k) => [k, Number(form[k] || '0')])),
    encoding: form.encoding as BankProfile['encoding'], mode: form.mode as BankProfile['mode'],
  }), (v) => { setForm(toForm(v)); notify('info', t('bankProfile.saved')); }, Object.fromEntries([...TEXT, ...NUMBERS].map((k) => [k, `bp-${k}`])));
  const err = (k: string) => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, [...TEXT, ...NUMBERS, 'encoding', 'mode']);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="bp-title" data-testid="bank-profile">
      <h2 id="bp-title">{t('bankProfile.title')}</h2>
      <p className="hint">{t('bankProfile.intro')}</p>
      {form.mode === 'test' && <p className="banner info" role="status" data-testid="bp-test-mode">{t('bankProfile.testMode')}</p>}
      <fieldset disabled={!admin} className="plain">
        <h3>{t('bankProfile.destination')}</h3>
        <div className="grid3">
          <TextInput id="bp-destinationRouting" label={t('bankProfile.fields.destinationRouting')} value={form.destinationRouting} onChange={(v) => set('destinationRouting', v)} digits maxLength={MAX.destinationRouting} error={err('destinationRouting')} />
          <TextInput id="bp-destinationName" label={t('bankProfile.fields.destinationName')} value={form.destinationName} onChange={(v) => set('destinationName', v.toUpperCase())} maxLength={MAX.destinationName} error={err('destinationName')} />
          <TextInput id="bp-depositAccount" label={t('bankProfile.fields.depositAccount')} value={form.depositAccount} onChange={(v) => set('depositAccount', v)} digits maxLength={MAX.depositAccount} error={err('depositAccount')} />
        </div>
        <h3>{t('bankProfile.origin')}</h3>
        <div className="grid3">
          <TextInput id="bp-originRouting" label={t('bankProfile.fields.originRouting')} value={form.originRouting} onChange={(v) => set('originRouting', v)} digits maxLength={MAX.originRouting} error={err('originRouting')} />
          <TextInput id="bp-originName" label={t('bankProfile.fields.originName')} value={form.originName} onChange={(v) => set('originName', v.toUpperCase())} maxLength={MAX.originName} error={err('originName')} />
        </div>
        <h3>{t('bankProfile.file')}</h3>
        <div className="grid3">
          <TextInput id="bp-fileIdModifier" label={t('bankProfile.fields.fileIdModifier')} value={form.fileIdModifier} onChange={(v) => set('fileIdModifier', v.toUpperCase())} maxLength={1} error={err('fileIdModifier')}
            hint={t('bankProfile.hints.fileIdModifier')} />
          <div className="field">
            <label htmlFor="bp-encoding">{t('bankProfile.fields.encoding')}</label>
            <select id="bp-encoding" value={form.encoding} onChange={(e) => set('encoding', e.target.value)}>
              <option value="ebcdic">{t('bankProfile.encoding.ebcdic')}</option><option value="ascii">{t('bankProfile.encoding.ascii')}</option>
            </select>
          </div>
          <TextInput id="bp-maxItemsPerBundle" label={t('bankProfile.fields.maxItemsPerBundle')} value={form.maxItemsPerBundle} onChange={(v) => set('maxItemsPerBundle', v)} digits maxLength={4} error={err('maxItemsPerBundle')} />
          <div className="field">
            <label htmlFor="bp-mode">{t('bankProfile.fields.mode')}</label>
            <select id="bp-mode" value={form.mode} onChange={(e) => set('mode', e.target.value)}>
              <option value="test">{t('bankProfile.mode.test')}</option><option value="production">{t('bankProfile.mode.production')}</option>
            </select>
          </div>
        </div>
        <h3>{t('bankProfile.retention')}</h3>
        <div className="grid3">
          <TextInput id="bp-paperRetentionDays" label={t('bankProfile.fields.paperRetentionDays')} value={form.paperRetentionDays} onChange={(v) => set('paperRetentionDays', v)} digits maxLength={3} error={err('paperRetentionDays')}
            hint={t('bankProfile.hints.paperRetentionDays')} />
          <TextInput id="bp-imageRetentionYears" label={t('bankProfile.fields.imageRetentionYears')} value={form.imageRetentionYears} onChange={(v) => set('imageRetentionYears', v)} digits maxLength={2} error={err('imageRetentionYears')} />
        </div>
      </fieldset>
      <FieldError id="bp-err" text={other ? errorText(other, lang) : undefined} />
      {admin ? <div className="actions"><button type="submit" className="primary" disabled={a.busy}>{t('bankProfile.save')}</button></div>
        : <p className="muted" data-testid="bp-admin-only">{t('bankProfile.adminOnly')}</p>}
    </form>
  );
}
