// Station events shown as they happen, through `on`: print queue (waiting, failed), the drawer (left
// open, did not open), devices (paper out, offline), check reads (fill the check tender), keys from a
// serial ten-key, sync status, and the drawer session's figures.
import type { CheckFaultView, CheckReadView, DeviceStatus, KeyView, ScanFaultView, ScanView } from '../shared/devices';
import type { DrawerStateView, KickFailedEvent, PrintJobView } from '../shared/printing';
import type { SyncStatusView } from '../shared/contract/sync';
import i18n from './i18n';
import { focusId } from './focus';
import { messageText } from './messageText';
import { call, on } from './transport';
import { useApp } from './store/app';
import { useTillUi } from './store/tillUi';
import { useScan } from './store/scan';
import { cutShort, handleScan, noise } from './scan/onScan';

type Handler = (payload: unknown) => void;
// Keys are built from event data here (kinds, faults), so they are looked up as plain strings.
const t = (k: string, o?: Record<string, unknown>): string => String((i18n.t as unknown as (key: string, opts?: Record<string, unknown>) => string)(k, o));

/** A check read: claimed once (take) so one read fills one tender, then put in the check form. */
async function checkRead(): Promise<void> {
  const app = useApp.getState();
  if (!app.user || app.locked) return;
  const r = await call('devices.lastCheck', { take: true });
  if (!r.ok || !r.value) return;
  const v: CheckReadView = r.value;
  const ui = useTillUi.getState();
  if (v.read.ok) {
    const c = v.read.check;
    const scan = v.scan;
    const poor = scan?.quality === 'poor' ? scan.problems.map((x) => t(`checkImages.problem.${x}`)).join(', ') : '';
    ui.fillCheck({ routing: c.routing, account: c.account, checkNumber: c.checkNumber, raw: v.read.raw, ...(scan ? { scanId: scan.scanId, scanPoor: poor } : {}) }, {});
    // A poor image: the panel beside the tender says so (an alert) and offers the choice; no second notice.
    if (!poor) app.notify('info', t('events.checkRead', { routing: c.routing, check: c.checkNumber }));
    focusId('tender-amount');
    return;
  }
  const p = v.read.partial;
  const notes: Record<string, string> = {};
  for (const e of v.read.errors) {
    const field = e.field === 'line' ? 'routing' : e.field;
    notes[field] = t(`micr.fault.${e.fault}`, { field: t(`micr.field.${e.field}`) });
  }
  ui.fillCheck({ ...(p.routing ? { routing: p.routing } : {}), ...(p.account ? { account: p.account } : {}), ...(p.checkNumber ? { checkNumber: p.checkNumber } : {}), raw: v.read.raw }, notes);
  app.notify('warn', t('events.checkUnreadable'));
  const first = v.read.errors[0].field;
  focusId(first === 'account' ? 'tender-account' : first === 'checkNumber' ? 'tender-check' : 'tender-routing');
}

/** A key from a serial ten-key: delivered as if typed on the focused field. */
function serialKey(k: KeyView): void {
  const target = (document.activeElement ?? document.body) as HTMLElement;
  const down = new KeyboardEvent('keydown', { key: k.key, bubbles: true, cancelable: true });
  const handled = !target.dispatchEvent(down);
  if (handled) return;
  // An untrusted keydown does not activate a button the way a real Enter does: press it (e.g. Complete).
  if (k.key === 'Enter' && target instanceof HTMLButtonElement) { target.click(); return; }
  if (k.key.length !== 1 || !(target instanceof HTMLInputElement)) return;
  // A plain text field: insert the character the way typing would, so React sees the change.
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(target, target.value + k.key);
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

const HANDLERS: Record<string, Handler> = {
  'session.opened': () => { void useApp.getState().refreshSession(); },
  'drawer.drop': () => { void useApp.getState().refreshSession(); },
  'print.job': (p) => {
    const j = p as PrintJobView;
    if (j.slip) useScan.getState().slipEvent(j);
    // The slip station's wait for a form is its own prompt (SlipPrompt), not a printer problem.
    if (j.waitingReason === 'slipInsert') return;
    const app = useApp.getState();
    const key = `print:${j.id}`;
    if (j.state === 'failed') app.notify('error', () => t('events.printFailed', { label: messageText(j.labelMessage, j.label), why: messageText(j.lastErrorMessage, j.lastError ?? '') }), key);
    else if (j.waitingReason && (j.state === 'queued' || j.state === 'printing')) app.notify('warn', () => t('events.printWaiting', { label: messageText(j.labelMessage, j.label), why: t(`devices.waitReasons.${j.waitingReason!}`) }), key);
    // Printed at last (paper put in, printer back) or cancelled: what was said of it no longer holds.
    else if (j.state === 'printed' || j.state === 'cancelled') app.resolve(key);
  },
  'drawer.leftOpen': () => useApp.getState().notify('warn', () => t('events.drawerLeftOpen'), 'drawer:leftOpen'),
  'drawer.state': (p) => {
    // Shut: no longer left open. Open (by its key, after a failed kick): the failure is behind the cashier.
    const open = (p as DrawerStateView).open;
    if (open === false) useApp.getState().resolve('drawer:leftOpen');
    if (open === true) useApp.getState().resolve('drawer:kick');
  },
  'drawer.kickFailed': (p) => {
    // An older station sends only the English detail: shown as it is.
    const k = p as Partial<KickFailedEvent> | undefined;
    useApp.getState().notify('error', () => t('events.kickFailed', { detail: messageText(k?.detailMessage, k?.detail ?? '') }), 'drawer:kick');
  },
  'drawer.kicked': () => useApp.getState().resolve('drawer:kick'),
  'device.status': (p) => {
    const d = p as DeviceStatus;
    // A device that stays unplugged re-reports itself every retry: warn once, when its state changes.
    const before = useApp.getState().devices[d.id]?.state;
    useApp.getState().setDevice(d);
    if (d.state !== before && (d.state === 'error' || d.state === 'offline')) useApp.getState().notify('warn', () => t('events.device', { device: t(`devices.kinds.${d.kind}`), detail: messageText(d.message, d.detail) }), `device:${d.id}`);
    else if (d.state === 'ready') useApp.getState().resolve(`device:${d.id}`);
  },
  'device.check': () => { void checkRead(); },
  // A jam, a double feed, no MICR line: nothing was read, nothing is posted from it.
  'device.checkFault': (p) => { useApp.getState().notify('warn', t(`checkImages.fault.${(p as CheckFaultView).fault}`)); },
  'device.key': (p) => serialKey(p as KeyView),
  // A serial stub scanner: the same as a keyboard-wedge scan.
  'device.scan': (p) => { void handleScan((p as ScanView).text); },
  'device.scanFault': (p) => { if ((p as ScanFaultView).fault === 'cutShort') cutShort(); else noise(); },
  'sync.status': (p) => useApp.getState().setSync(p as SyncStatusView),
};

export function subscribeEvents(): () => void {
  const stops = Object.entries(HANDLERS).map(([kind, fn]) => on(kind, (p) => fn(p)));
  return () => { for (const s of stops) s(); };
}
