// Sync with the city hub: online or offline, events waiting, the directory's age, the hub's certificate
// (an admin trusts a changed one, confirmed), the city CA file, and the exceptions the hub reports (a
// supervisor resolves each with a note).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../shared/domain';
import type { HubExceptionView, SyncStatusView } from '../../shared/contract/sync';
import { displayFingerprint } from '../../shared/tlsFingerprint';
import { Dialog } from '../components/Dialog';
import { FieldError } from '../components/FieldError';
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

/** The hub's certificate: pinned, checked against the CAs, or plain http here; a refusal over it in words. */
function Certificate({ status, admin, onChanged }: { status: SyncStatusView; admin: boolean; onChanged(s: SyncStatusView): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const c = status.certificate;
  const https = status.hubUrl?.startsWith('https:') ?? false;
  return (
    <div data-testid="sync-certificate">
      <dl className="facts">
        <div><dt>{t('sync.certificate')}</dt><dd className="mono small fingerprint">
          {c.pinned ? <>{t('sync.pinned')}: {displayFingerprint(c.pinned)}</> : https ? t('sync.caChecked') : t('sync.plainLocal')}
        </dd></div>
      </dl>
      {c.problem === 'changed' && (
        <div className="alert-box" role="alert" data-testid="cert-changed">
          <strong>{t('sync.certChangedTitle')}</strong>
          <p>{t('sync.certChangedText')}</p>
          {c.seen && <p className="mono small fingerprint">{t('sync.certNow')}: {displayFingerprint(c.seen)}</p>}
          {admin && c.seen && <div className="actions"><button type="button" className="secondary" onClick={() => setConfirming(true)}>{t('sync.trust')}</button></div>}
        </div>
      )}
      {c.problem === 'untrusted' && (
        <div className="alert-box" role="alert" data-testid="cert-untrusted"><strong>{t('sync.certUntrustedTitle')}</strong><p>{t('sync.certUntrustedText')}</p></div>
      )}
      {confirming && c.seen && <TrustCertificate fingerprint={c.seen} onClose={() => setConfirming(false)} onDone={(s) => { setConfirming(false); onChanged(s); }} />}
    </div>
  );
}

function TrustCertificate({ fingerprint, onClose, onDone }: { fingerprint: string; onClose(): void; onDone(s: SyncStatusView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const a = useAction();
  const shown = displayFingerprint(fingerprint);
  const err = errorAt(a.errors, 'fingerprint') ?? errorAt(a.errors, '');
  const trust = () => void a.run(() => call('sync.trustCertificate', { fingerprint: shown }), (s) => { notify('info', t('sync.trusted')); onDone(s); });
  return (
    <Dialog id="trust-cert" title={t('sync.trustTitle')} onClose={onClose} wide>
      <p>{t('sync.trustText')}</p>
      <p className="mono fingerprint" data-testid="trust-fingerprint">{shown}</p>
      <FieldError id="trust-err" text={err ? errorText(err, lang) : undefined} />
      <div className="actions">
        <button type="button" className="primary" disabled={a.busy} onClick={trust}>{t('sync.trustConfirm')}</button>
        <button type="button" className="secondary" data-autofocus="" onClick={onClose}>{t('drawer.cancel')}</button>
      </div>
    </Dialog>
  );
}

/** The city's CA file (admin): trusted beside the system's CAs for a hub whose certificate is not pinned. */
function CaFile() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [file, setFile] = useState<string | null>(null);
  const a = useAction();
  useEffect(() => { void call('sync.settings', {}).then((r) => { if (r.ok) setFile(r.value.hubCaFile ?? ''); }); }, []);
  if (file === null) return null;
  const err = errorAt(a.errors, 'hubCaFile') ?? errorAt(a.errors, '');
  return (
    <form onSubmit={(e) => { e.preventDefault(); void a.run(() => call('sync.updateSettings', { hubCaFile: file.trim() || null }), () => notify('info', t('sync.caSaved'))); }}>
      <TextInput id="sync-ca" label={t('sync.caFile')} value={file} onChange={setFile} maxLength={500} error={err ? errorText(err, lang) : undefined} />
      <div className="actions"><button type="submit" className="secondary" disabled={a.busy}>{t('sync.caSave')}</button></div>
    </form>
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

/** SYNC STOPPED: the hub refused this station's events for good, in its own words for IT; an admin sends them again. */
function Refused({ status, admin, onChanged }: { status: SyncStatusView; admin: boolean; onChanged: (s: SyncStatusView) => void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const r = status.refused!;
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    const res = await call('sync.retryRefused', {});
    setBusy(false);
    if (res.ok) { onChanged(res.value); notify('info', t('sync.retriedRefused')); } else notify('error', errorText(res.error, lang));
  };
  return (
    <div className="alert-box" role="alert" data-testid="sync-refused">
      <strong>{t('sync.refusedTitle')}</strong>
      <p>{t('sync.refusedText')}</p>
      <dl className="facts">
        <div><dt>{t('sync.refusedReason')}</dt><dd className="mono small" lang="en" data-testid="sync-refused-reason">{r.status} {r.code}: {r.message}</dd></div>
        <div><dt>{t('sync.refusedFrom')}</dt><dd>{count(r.seq, lang)} · {dateTime(r.at, lang)}</dd></div>
      </dl>
      {admin && <div className="actions"><button type="button" className="secondary" disabled={busy} onClick={() => void retry()}>{t('sync.retryRefused')}</button></div>}
    </div>
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
  const admin = roleAtLeast(user.role, 'admin');

  async function load() {
    const s = await call('sync.status', {});
    if (s.ok) setStatus(s.value);
    if (sup) { const e = await call('sync.exceptions', { includeResolved: false }); if (e.ok) setExceptions(e.value); }
  }
  useEffect(() => {
    void load();
    const stops = ['sync.status', 'sync.pushed', 'sync.exception', 'sync.refused'].map((k) => on(k, () => void load()));
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
                {(status.images.pending > 0 || status.images.unsendable > 0) && (
                  <div><dt>{t('sync.imagesPending')}</dt><dd data-testid="sync-images">{count(status.images.pending, lang)}
                    {status.images.unsendable > 0 && <span className="field-error"> · {t('sync.imagesUnsendable', { n: status.images.unsendable })}<span className="mono">{status.images.problem}</span></span>}</dd></div>
                )}
                <div><dt>{t('sync.lastSuccess')}</dt><dd>{status.lastSuccessAt ? dateTime(status.lastSuccessAt, lang) : '—'}</dd></div>
                <div><dt>{t('sync.directory')}</dt><dd>{status.directory.asOf ? dateTime(status.directory.asOf, lang) : '—'}{status.directory.progress !== null ? ` (${Math.round(status.directory.progress * 100)} %)` : ''}</dd></div>
                {status.hubUrl && <div><dt>{t('sync.hub')}</dt><dd className="mono">{status.hubUrl}</dd></div>}
                {status.lastError && <div><dt>{t('sync.lastError')}</dt><dd className="field-error" data-testid="sync-error"><StationText message={status.lastErrorMessage} detail={status.lastError} /></dd></div>}
              </dl>
              {status.refused && <Refused status={status} admin={admin} onChanged={setStatus} />}
              <div className="actions"><button type="button" className="primary" data-autofocus="" onClick={() => void now()}>{t('sync.now')} <kbd>F5</kbd></button></div>
              {status.enrolled && <Certificate status={status} admin={admin} onChanged={setStatus} />}
              {admin && <CaFile />}
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
