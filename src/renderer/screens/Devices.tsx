// The printer's queue (waiting, failed: retry or cancel with a reason), the cash drawer's state, and
// what the devices report as it happens.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawerStateView, PrintJobView } from '../../shared/printing';
import type { DeviceStatus } from '../../shared/devices';
import { roleAtLeast } from '../../shared/domain';
import { Dialog } from '../components/Dialog';
import { FieldError } from '../components/FieldError';
import { Page } from '../components/Page';
import { StationText } from '../components/StationText';
import { messageText } from '../messageText';
import { TextInput } from '../components/TextInput';
import { errorAt, errorText } from '../errors';
import { dateTime } from '../format';
import { call, on } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { TerminalSettings } from './admin/TerminalSettings';

function CancelJob({ job, onClose }: { job: PrintJobView; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const a = useAction();
  const [reason, setReason] = useState('');
  const submit = () => void a.run(() => call('print.cancel', { jobId: job.id, reason }), onClose);
  const err = errorAt(a.errors, 'reason') ?? errorAt(a.errors, '');
  return (
    <Dialog id="cancel-job" title={t('devices.cancelTitle', { label: messageText(job.labelMessage, job.label) })} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <TextInput id="cj-reason" label={t('drawer.reason')} value={reason} onChange={setReason} maxLength={500} autoFocus error={err ? errorText(err, lang) : undefined} />
        <div className="actions"><button type="submit" className="primary">{t('drawer.ok')}</button><button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button></div>
      </form>
    </Dialog>
  );
}

export function Devices() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [drawer, setDrawer] = useState<DrawerStateView | null>(null);
  const [cancel, setCancel] = useState<PrintJobView | null>(null);
  const user = useApp((s) => s.user)!;
  const live = useApp((s) => s.devices);
  const list: DeviceStatus[] = Object.values(live);

  async function load() {
    const [j, d] = await Promise.all([call('print.jobs', { limit: 30 }), call('drawer.state', {})]);
    if (j.ok) setJobs(j.value);
    if (d.ok) setDrawer(d.value);
    void useApp.getState().loadStatus();
  }
  useEffect(() => {
    void load();
    // The names the station publishes (src/main/devices): a job's every change, and the drawer's.
    const stops = ['print.job', 'drawer.kicked', 'drawer.kickFailed', 'drawer.leftOpen'].map((k) => on(k, () => void load()));
    stops.push(on('drawer.state', (p) => setDrawer(p as DrawerStateView)));
    return () => { for (const s of stops) s(); };
  }, []);

  async function retry(j: PrintJobView) {
    const r = await call('print.retry', { jobId: j.id });
    if (!r.ok) notify('error', errorText(r.error, lang));
    void load();
  }

  async function test(d: DeviceStatus) {
    const r = await call('devices.test', { deviceId: d.id });
    notify(r.ok ? 'info' : 'error', r.ok ? t('devices.tested', { id: t(`devices.kinds.${d.kind}`), result: messageText(r.value.resultMessage, r.value.result) }) : errorText(r.error, lang));
  }
  async function reopen(d: DeviceStatus) {
    const r = await call('devices.retry', { deviceId: d.id });
    if (r.ok) useApp.getState().setDevice(r.value); else notify('error', errorText(r.error, lang));
  }

  return (
    <Page id="devices" title={t('devices.title')}>
      <section className="panel" aria-labelledby="dev-list-title">
        <h2 id="dev-list-title">{t('devices.devices')}</h2>
        <table className="data">
          <tbody>
            {list.map((d, i) => (
              <tr key={d.id} className={d.state === 'error' || d.state === 'offline' ? 'has-error' : undefined}>
                <th scope="row">{t(`devices.kinds.${d.kind}`)} <span className="muted mono small">{d.id}</span></th>
                <td><span className={`badge dev-${d.state}`}>{t(`devices.deviceStates.${d.state}`)}</span></td>
                <td><StationText message={d.message} detail={d.detail} technical={d.state !== 'ready'} /></td>
                <td className="row-actions">
                  {roleAtLeast(user.role, 'supervisor') && d.state === 'ready' && <button type="button" className="secondary small" data-autofocus={i === 0 ? '' : undefined} onClick={() => void test(d)}>{t('devices.test')}</button>}
                  {(d.state === 'offline' || d.state === 'connecting') && <button type="button" className="ghost small" onClick={() => void reopen(d)}>{t('devices.retryOpen')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="two-col">
        <section className="panel" aria-labelledby="dev-jobs-title">
          <h2 id="dev-jobs-title">{t('devices.queue')}</h2>
          {jobs.length === 0 ? <p className="muted">{t('devices.noJobs')}</p> : (
            <table className="data">
              <thead><tr><th scope="col">{t('devices.job')}</th><th scope="col">{t('devices.state')}</th><th scope="col">{t('devices.when')}</th><th scope="col"><span className="sr-only">{t('devices.actions')}</span></th></tr></thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.id} className={j.state === 'failed' ? 'has-error' : undefined}>
                    <th scope="row">{messageText(j.labelMessage, j.label)}{j.copy > 0 ? ` (${t('devices.copy')})` : ''}{j.unconfirmed ? <div className="muted">{t('devices.unconfirmedCopy')}</div> : null}</th>
                    <td><span className={`badge job-${j.state}`}>{t(`devices.states.${j.state}`)}</span>{j.waitingReason ? <div className="muted">{t(`devices.waitReasons.${j.waitingReason}`)}</div> : null}{j.lastError ? <div className="field-error"><StationText message={j.lastErrorMessage} detail={j.lastError} /></div> : null}</td>
                    <td>{dateTime(j.printedAt ?? j.createdAt, lang)}</td>
                    <td>
                      {(j.state === 'failed' || j.state === 'queued') && <button type="button" className="secondary small" onClick={() => void retry(j)}>{t('devices.retry')}</button>}
                      {j.state !== 'printed' && j.state !== 'cancelled' && <button type="button" className="ghost small" onClick={() => setCancel(j)}>{t('devices.cancel')}</button>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="dev-drawer-title">
          <h2 id="dev-drawer-title">{t('devices.drawer')}</h2>
          {drawer && (
            <p className={drawer.leftOpen ? 'banner warn' : undefined} role="status">
              {!drawer.configured ? t('devices.drawerNone') : drawer.open === null ? t('devices.drawerUnknown') : drawer.open ? t('devices.drawerOpen', { since: drawer.openSince ? dateTime(drawer.openSince, lang) : '' }) : t('devices.drawerClosed')}
            </p>
          )}
          <FieldError id="dev-err" text={undefined} />
        </section>
      </div>
      <TerminalSettings />
      {cancel && <CancelJob job={cancel} onClose={() => { setCancel(null); void load(); }} />}
    </Page>
  );
}
