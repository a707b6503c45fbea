// Sync with the city hub: online or offline, events waiting, the directory's age, and the exceptions
// the hub reports (a supervisor resolves each with a note).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../shared/domain';
import type { HubExceptionView, SyncStatusView } from '../../shared/contract/sync';
import { Dialog } from '../components/Dialog';
import { Page } from '../components/Page';
import { StationText } from '../components/StationText';
import { TextInput } from '../components/TextInput';
import { errorAt, errorText } from '../errors';
import { count, dateTime, money } from '../format';
import { call, on } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';

/** What the hub found, worded by its kind in the cashier's language; the hub's English text in small print. */
function ExceptionText({ ex }: { ex: HubExceptionView }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`sync.exceptionKinds.${ex.kind}`)}
      <span className="muted small mono technical" lang="en">{ex.detail}</span>
    </>
  );
}

function Resolve({ ex, onClose }: { ex: HubExceptionView; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const a = useAction();
  const [note, setNote] = useState('');
  const submit = () => void a.run((id) => call('sync.resolveException', { id, exceptionId: ex.id, note }), onClose);
  const err = errorAt(a.errors, 'note') ?? errorAt(a.errors, '');
  return (
    <Dialog id="resolve" title={t('sync.resolveTitle')} onClose={onClose}>
      <p><ExceptionText ex={ex} /></p>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <TextInput id="rs-note" label={t('sync.note')} value={note} onChange={setNote} maxLength={500} autoFocus error={err ? errorText(err, lang) : undefined} />
        <div className="actions"><button type="submit" className="primary">{t('drawer.ok')}</button><button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button></div>
      </form>
    </Dialog>
  );
}

export function SyncScreen() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user)!;
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [exceptions, setExceptions] = useState<HubExceptionView[]>([]);
  const [resolving, setResolving] = useState<HubExceptionView | null>(null);
  const sup = roleAtLeast(user.role, 'supervisor');

  async function load() {
    const s = await call('sync.status', {});
    if (s.ok) setStatus(s.value);
    if (sup) { const e = await call('sync.exceptions', { includeResolved: false }); if (e.ok) setExceptions(e.value); }
  }
  useEffect(() => {
    void load();
    const stops = ['sync.status', 'sync.pushed', 'sync.exception'].map((k) => on(k, () => void load()));
    return () => { for (const s of stops) s(); };
  }, []);

  async function now() {
    const r = await call('sync.now', {});
    if (r.ok) setStatus(r.value); else notify('error', errorText(r.error, lang));
  }

  return (
    <Page id="sync" title={t('sync.title')} keys={[{ key: 'F5', label: t('sync.now'), run: () => void now() }]}>
      <div className="two-col">
        <section className="panel" aria-labelledby="sync-state-title">
          <h2 id="sync-state-title">{t('sync.state')}</h2>
          {status && (
            <>
              <p className={`sync-state ${status.state}`} role="status" data-testid="sync-state">{t(`sync.states.${status.state}`)}</p>
              <dl className="facts">
                <div><dt>{t('sync.pending')}</dt><dd>{count(status.pendingCount, lang)}</dd></div>
                <div><dt>{t('sync.lastSuccess')}</dt><dd>{status.lastSuccessAt ? dateTime(status.lastSuccessAt, lang) : '—'}</dd></div>
                <div><dt>{t('sync.directory')}</dt><dd>{status.directory.asOf ? dateTime(status.directory.asOf, lang) : '—'}{status.directory.progress !== null ? ` (${Math.round(status.directory.progress * 100)} %)` : ''}</dd></div>
                {status.hubUrl && <div><dt>{t('sync.hub')}</dt><dd className="mono">{status.hubUrl}</dd></div>}
                {status.lastError && <div><dt>{t('sync.lastError')}</dt><dd className="field-error" data-testid="sync-error"><StationText message={status.lastErrorMessage} detail={status.lastError} /></dd></div>}
              </dl>
              <div className="actions"><button type="button" className="primary" data-autofocus="" onClick={() => void now()}>{t('sync.now')} <kbd>F5</kbd></button></div>
            </>
          )}
        </section>
        {sup && (
          <section className="panel" aria-labelledby="sync-ex-title">
            <h2 id="sync-ex-title">{t('sync.exceptions', { n: exceptions.length })}</h2>
            {exceptions.length === 0 ? <p className="muted">{t('sync.noExceptions')}</p> : (
              <table className="data">
                <tbody>
                  {exceptions.map((x) => (
                    <tr key={x.id}>
                      <th scope="row">{x.receiptNumber ?? ''} {x.accountNumber ?? ''}</th>
                      <td><ExceptionText ex={x} />{x.amountCents !== null ? ` · ${money(x.amountCents, lang)}` : ''}</td>
                      <td>{x.resolutionPending ? t('sync.pendingResolution') : <button type="button" className="secondary small" onClick={() => setResolving(x)}>{t('sync.resolve')}</button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
      </div>
      {resolving && <Resolve ex={resolving} onClose={() => { setResolving(null); void load(); }} />}
    </Page>
  );
}
