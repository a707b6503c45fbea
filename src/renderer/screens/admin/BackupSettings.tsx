// Settings → Backups: the last backup (time, size, verified) and the last failure in words; an admin
// sets the folder, how often and how many to keep, and can back up now. Updated as backups run.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupRunView, BackupStatusView } from '../../../shared/contract/backup';
import { FieldError } from '../../components/FieldError';
import { StationText } from '../../components/StationText';
import { TextInput } from '../../components/TextInput';
import { errorAt, errorText, unclaimed } from '../../errors';
import { count, dateTime } from '../../format';
import { call, on } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

/** Bytes as a person reads them: 12.3 MB (a size, not money). */
function size(bytes: number, lang: 'en' | 'es'): string {
  const mb = Math.round(bytes / 100_000) / 10;
  return mb >= 1 ? `${mb.toLocaleString(lang === 'es' ? 'es' : 'en-US')} MB` : `${count(Math.ceil(bytes / 1024), lang)} KB`;
}

function RunFacts({ run, label }: { run: BackupRunView; label: string }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  return (
    <div><dt>{label}</dt><dd>
      {dateTime(run.finishedAt, lang)} · {t(`backup.reasons.${run.reason}`)}
      {run.ok && run.bytes !== null && <> · {size(run.bytes, lang)} · {t('backup.ok')}<span className="muted small mono technical" lang="en">{run.file}</span></>}
    </dd></div>
  );
}

export function BackupSettings({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [form, setForm] = useState({ folder: '', intervalMinutes: '15', keep: '24' });
  const a = useAction();
  const now = useAction();
  const load = () => void call('backup.status', {}).then((r) => { if (r.ok) setStatus(r.value); });
  useEffect(() => {
    void call('backup.status', {}).then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      setForm({ folder: r.value.settings.folder ?? '', intervalMinutes: String(r.value.settings.intervalMinutes), keep: String(r.value.settings.keep) });
    });
    const stops = ['backup.run', 'backup.status'].map((k) => on(k, load));
    return () => { for (const s of stops) s(); };
  }, []);
  if (!status) return null;
  const save = () => void a.run(() => call('backup.updateSettings', { folder: form.folder.trim() || null, intervalMinutes: Number(form.intervalMinutes || '0'), keep: Number(form.keep || '0') }),
    (v) => { setStatus(v); notify('info', t('backup.saved')); });
  const backUpNow = () => void now.run(() => { setStatus({ ...status, running: true }); return call('backup.now', {}); },
    (v) => { setStatus(v); if (v.last?.ok) notify('info', t('backup.done')); });
  const err = (k: string) => { const e = errorAt(a.errors, k); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['folder', 'intervalMinutes', 'keep']) ?? unclaimed(now.errors, []);
  const last = status.last;
  return (
    <section aria-labelledby="backup-title" data-testid="backup-panel">
      <h2 id="backup-title">{t('backup.title')}</h2>
      {!status.settings.folder && <p className="field-error" role="status" data-testid="backup-off">{t('backup.off')}</p>}
      {last && !last.ok && (
        <div className="alert-box" role="alert" data-testid="backup-failed">
          <strong>{t('backup.failedTitle')}</strong> ({dateTime(last.finishedAt, lang)})
          <p><StationText message={last.errorMessage} detail={last.error ?? ''} /></p>
        </div>
      )}
      <dl className="facts" data-testid="backup-facts">
        {status.lastGood ? <RunFacts run={status.lastGood} label={t('backup.lastGood')} /> : <div><dt>{t('backup.lastGood')}</dt><dd>{t('backup.never')}</dd></div>}
        {status.lastGood?.verified && <div><dt>{t('backup.verified')}</dt><dd className="mono small" lang="en">{status.lastGood.verified}</dd></div>}
        {status.running ? <div><dt>{t('backup.next')}</dt><dd>{t('backup.running')}</dd></div>
          : status.nextAt && <div><dt>{t('backup.next')}</dt><dd>{dateTime(status.nextAt, lang)}</dd></div>}
      </dl>
      {admin && (
        <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="backup-title">
          <div className="grid3">
            <TextInput id="bk-folder" label={t('backup.folder')} value={form.folder} onChange={(folder) => setForm({ ...form, folder })} maxLength={500} error={err('folder')} className="wide" />
            <TextInput id="bk-interval" label={t('backup.interval')} value={form.intervalMinutes} digits maxLength={4} onChange={(v) => setForm({ ...form, intervalMinutes: v })} error={err('intervalMinutes')} />
            <TextInput id="bk-keep" label={t('backup.keep')} value={form.keep} digits maxLength={4} onChange={(v) => setForm({ ...form, keep: v })} error={err('keep')} />
          </div>
          <FieldError id="bk-err" text={other ? errorText(other, lang) : undefined} />
          <div className="actions">
            <button type="submit" className="primary" disabled={a.busy}>{t('backup.save')}</button>
            <button type="button" className="secondary" disabled={now.busy || status.running || !status.settings.folder} onClick={backUpNow}>{t('backup.now')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
