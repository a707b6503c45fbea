// Bill stubs and the slip station (admin): the keyboard scanner's settings and its Test, the slip
// station (a printer without one is a setting: then the till never asks for a form), the city's stub
// formats and the validation / endorsement templates. The station checks every value and names the
// field that is wrong.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StubSettingsView } from '../../../shared/contract/stubs';
import type { SlipSettings } from '../../../shared/slips';
import { isReceiptNumber, parseStub, type WedgeSettings } from '../../../shared/stubs';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { errorText, unclaimed } from '../../errors';
import { money } from '../../format';
import { installWedge } from '../../scan/wedge';
import { useApp } from '../../store/app';
import { useScan } from '../../store/scan';
import { call } from '../../transport';
import { useAction } from '../../useAction';

export function StubSettings() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [stubs, setStubs] = useState<StubSettingsView | null>(null);
  const [slips, setSlips] = useState<SlipSettings | null>(null);
  const [formats, setFormats] = useState('');
  const [templates, setTemplates] = useState('');
  const [jsonErr, setJsonErr] = useState<Record<string, string>>({});
  const [test, setTest] = useState<string | null>(null);
  const stopTest = useRef<(() => void) | null>(null);
  const a = useAction();
  useEffect(() => {
    void call('stubs.settings', {}).then((r) => { if (r.ok) { setStubs(r.value); setFormats(JSON.stringify(r.value.formats, null, 2)); } });
    void call('slips.settings', {}).then((r) => { if (r.ok) { setSlips(r.value); setTemplates(JSON.stringify({ validation: r.value.validation, endorsement: r.value.endorsement }, null, 2)); } });
    return () => stopTest.current?.();
  }, []);
  if (!stubs || !slips) return null;
  const wedge = stubs.wedge;
  const setWedge = (p: Partial<WedgeSettings>) => setStubs({ ...stubs, wedge: { ...wedge, ...p } });

  const runTest = () => {
    stopTest.current?.();
    setTest(t('stubSettings.testing'));
    const done = (text: string) => { stopTest.current?.(); setTest(text); };
    const uninstall = installWedge({ suffix: wedge.suffix, maxGapMs: wedge.maxGapMs, minLength: wedge.minLength, holdMs: Math.min(15, wedge.maxGapMs) }, {
      classify: () => 'stub',
      onScan: (text) => {
        if (isReceiptNumber(text)) { done(t('stubSettings.testReceipt', { number: text })); return; }
        const r = parseStub(text, stubs.formats);
        if (!r.ok) { done(`${text} — ${r.detail}`); return; }
        const s = r.stub;
        done(t('stubSettings.testRead', { format: s.formatId, account: s.accountNumber, amount: money(s.amountCents, lang), due: s.dueDate ?? '—', bill: s.billNumber ?? '—', code: s.revenueCode }));
      },
      onCutShort: (text) => done(`${text} — ${t('scan.cutShort')}`),
      onNoise: (text) => done(`${text} — ${t('scan.noise')}`),
    });
    const timer = window.setTimeout(() => done(t('stubSettings.testNothing')), 15_000);
    stopTest.current = () => { uninstall(); window.clearTimeout(timer); stopTest.current = null; };
  };

  const save = () => {
    const bad: Record<string, string> = {};
    let f: unknown, tp: { validation?: unknown; endorsement?: unknown } = {};
    try { f = JSON.parse(formats); } catch (e) { bad.formats = t('stubSettings.badJson', { detail: (e as Error).message }); }
    try { tp = JSON.parse(templates) as typeof tp; } catch (e) { bad.templates = t('stubSettings.badJson', { detail: (e as Error).message }); }
    setJsonErr(bad);
    if (Object.keys(bad).length) return;
    void a.run(async () => {
      const r = await call('stubs.updateSettings', { formats: f as never, wedge });
      if (!r.ok) return r;
      return call('slips.updateSettings', {
        slipStation: slips.slipStation, endorseOn: slips.endorseOn, validateStubs: slips.validateStubs, endorseChecks: slips.endorseChecks,
        insertTimeoutSeconds: slips.insertTimeoutSeconds, slipColumns: slips.slipColumns,
        validation: tp.validation as never, endorsement: tp.endorsement as never,
      });
    }, () => { notify('info', t('admin.saved')); void useScan.getState().load(); });
  };
  const fieldErr = (prefix: string) => {
    const e = Object.entries(a.errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`));
    return e ? `${e[0]}: ${errorText(e[1], lang)}` : undefined;
  };
  const other = unclaimed(a.errors, ['formats', 'wedge', 'validation', 'endorsement', 'insertTimeoutSeconds', 'slipColumns']);
  const num = (v: string) => Number(v || '0');
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="stub-settings-title">
      <h2 id="stub-settings-title">{t('stubSettings.title')}</h2>
      <h3>{t('stubSettings.wedge')}</h3>
      <label className="check"><input type="checkbox" id="wedge-enabled" checked={wedge.enabled} onChange={(e) => setWedge({ enabled: e.target.checked })} /> {t('stubSettings.wedgeEnabled')}</label>
      <div className="grid3">
        <div className="field">
          <label htmlFor="wedge-suffix">{t('stubSettings.suffix')}</label>
          <select id="wedge-suffix" value={wedge.suffix} onChange={(e) => setWedge({ suffix: e.target.value as WedgeSettings['suffix'] })}>
            <option value="Enter">Enter</option><option value="Tab">Tab</option>
          </select>
        </div>
        <TextInput id="wedge-gap" label={t('stubSettings.maxGapMs')} value={String(wedge.maxGapMs)} digits maxLength={3} onChange={(v) => setWedge({ maxGapMs: num(v) })} error={fieldErr('wedge.maxGapMs')} />
        <TextInput id="wedge-min" label={t('stubSettings.minLength')} value={String(wedge.minLength)} digits maxLength={2} onChange={(v) => setWedge({ minLength: num(v) })} error={fieldErr('wedge.minLength')} />
      </div>
      <div className="actions"><button type="button" className="secondary" id="wedge-test" onClick={runTest}>{t('stubSettings.test')}</button></div>
      {test && <p role="status" id="wedge-test-result">{test}</p>}

      <h3>{t('stubSettings.slip')}</h3>
      <label className="check"><input type="checkbox" id="slip-station" checked={slips.slipStation} onChange={(e) => setSlips({ ...slips, slipStation: e.target.checked })} /> {t('stubSettings.slipStation')}</label>
      <label className="check"><input type="checkbox" id="slip-validate" checked={slips.validateStubs} onChange={(e) => setSlips({ ...slips, validateStubs: e.target.checked })} /> {t('stubSettings.validateStubs')}</label>
      <label className="check"><input type="checkbox" id="slip-endorse" checked={slips.endorseChecks} onChange={(e) => setSlips({ ...slips, endorseChecks: e.target.checked })} /> {t('stubSettings.endorseChecks')}</label>
      <div className="grid3">
        <div className="field">
          <label htmlFor="slip-endorse-on">{t('stubSettings.endorseOn')}</label>
          <select id="slip-endorse-on" value={slips.endorseOn} onChange={(e) => setSlips({ ...slips, endorseOn: e.target.value as SlipSettings['endorseOn'] })}>
            <option value="slip">{t('stubSettings.endorseOnSlip')}</option><option value="checkReader">{t('stubSettings.endorseOnReader')}</option>
          </select>
        </div>
        <TextInput id="slip-timeout" label={t('stubSettings.insertTimeout')} value={String(slips.insertTimeoutSeconds)} digits maxLength={3} onChange={(v) => setSlips({ ...slips, insertTimeoutSeconds: num(v) })} error={fieldErr('insertTimeoutSeconds')} />
        <TextInput id="slip-columns" label={t('stubSettings.slipColumns')} value={String(slips.slipColumns)} digits maxLength={2} onChange={(v) => setSlips({ ...slips, slipColumns: num(v) })} error={fieldErr('slipColumns')} />
      </div>

      <div className="field full">
        <label htmlFor="stub-formats">{t('stubSettings.formats')}</label>
        <textarea id="stub-formats" rows={12} spellCheck={false} value={formats} onChange={(e) => setFormats(e.target.value)} aria-describedby="stub-formats-hint stub-formats-err" />
        <p className="hint" id="stub-formats-hint">{t('stubSettings.formatsHint')}</p>
        <FieldError id="stub-formats-err" text={jsonErr.formats ?? fieldErr('formats')} />
      </div>
      <div className="field full">
        <label htmlFor="slip-templates">{t('stubSettings.templates')}</label>
        <textarea id="slip-templates" rows={10} spellCheck={false} value={templates} onChange={(e) => setTemplates(e.target.value)} aria-describedby="slip-templates-hint slip-templates-err" />
        <p className="hint" id="slip-templates-hint">{t('stubSettings.templatesHint')}</p>
        <FieldError id="slip-templates-err" text={jsonErr.templates ?? fieldErr('validation') ?? fieldErr('endorsement')} />
      </div>
      <FieldError id="stub-settings-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions"><button type="submit" className="primary" id="stub-save" disabled={a.busy}>{t('stubSettings.save')}</button></div>
    </form>
  );
}
