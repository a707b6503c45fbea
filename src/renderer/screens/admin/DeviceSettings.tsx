// Device settings (admin): where each device is (tcp://host:9100, serial:/dev/ttyUSB0?baud=9600,
// spooler:Queue, printer for a drawer on the printer, none), its options, on or off; the serial ports
// this machine has; and the printing settings. The station checks every value and says what is wrong
// beside the device it concerns; the new list takes effect at once (unchanged devices stay open).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_KINDS, type DeviceKind, type DeviceSetting, type DeviceStatus, type SerialPortView } from '../../../shared/devices';
import type { PrintSettings } from '../../../shared/printing';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { formatOptions, OPTION_HINTS, parseOptions } from '../../deviceOptions';
import { errorAt, errorText, unclaimed } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

interface Row { id: string; kind: DeviceKind; address: string; options: string; enabled: boolean }

const toRow = (d: DeviceSetting): Row => ({ id: d.id, kind: d.kind, address: d.address, options: formatOptions(d.options), enabled: d.enabled });

export function DeviceSettings() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [ports, setPorts] = useState<{ ports: SerialPortView[]; warning?: string } | null>(null);
  const [print, setPrint] = useState<PrintSettings | null>(null);
  const [statuses, setStatuses] = useState<DeviceStatus[]>([]);
  const [badOptions, setBadOptions] = useState<Record<number, string>>({});
  const a = useAction();
  useEffect(() => {
    void call('devices.settings', {}).then((r) => { if (r.ok) setRows(r.value.map(toRow)); });
    void call('devices.ports', {}).then((r) => { if (r.ok) setPorts(r.value); });
    void call('printing.settings', {}).then((r) => { if (r.ok) setPrint(r.value); });
  }, []);
  if (!rows || !print) return null;

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const kind: DeviceKind = 'printer';
    let n = 1;
    while (rows.some((r) => r.id === `${kind}${n}`)) n++;
    setRows([...rows, { id: `${kind}${n}`, kind, address: 'none', options: '', enabled: true }]);
  };
  const save = () => {
    const bad: Record<number, string> = {};
    const devices = rows.map((r, i) => {
      const o = parseOptions(r.options);
      if (!o.ok) bad[i] = o.bad;
      return { id: r.id, kind: r.kind, address: r.address, enabled: r.enabled, ...(o.ok && Object.keys(o.options).length ? { options: o.options } : {}) };
    });
    setBadOptions(bad);
    if (Object.keys(bad).length) return;
    void a.run(async () => {
      const r = await call('devices.updateSettings', { devices });
      if (!r.ok) return r;
      const p = await call('printing.updateSettings', {
        receiptCode: print.receiptCode, blockSaleWhileDrawerOpen: print.blockSaleWhileDrawerOpen,
        drawerOpenWarnSeconds: print.drawerOpenWarnSeconds, giveUpMinutes: print.giveUpMinutes,
      });
      return p.ok ? r : p;
    }, (s) => { setStatuses(s); notify('info', t('admin.saved')); });
  };
  const err = (...paths: string[]) => { const e = errorAt(a.errors, ...paths); return e ? errorText(e, lang) : undefined; };
  const num = (v: string) => Number(v || '0');
  const other = unclaimed(a.errors, ['devices', 'receiptCode', 'blockSaleWhileDrawerOpen', 'drawerOpenWarnSeconds', 'giveUpMinutes']);

  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-labelledby="dev-settings-title">
      <h2 id="dev-settings-title">{t('deviceSettings.title')}</h2>
      <p className="muted">{t('deviceSettings.addressHint')}</p>
      <datalist id="dev-ports">
        {(ports?.ports ?? []).map((p) => <option key={p.path} value={`serial:${p.path}?baud=9600`}>{[p.manufacturer, p.byId].filter(Boolean).join(' · ')}</option>)}
      </datalist>
      {rows.map((r, i) => {
        const statusNow = statuses.find((s) => s.id === r.id);
        return (
          <fieldset key={i} className="device-setting" aria-labelledby={`dev-${i}-legend`}>
            <legend id={`dev-${i}-legend`}>{t(`devices.kinds.${r.kind}`)} — {r.id}{statusNow ? ` · ${t(`devices.deviceStates.${statusNow.state}`)}` : ''}</legend>
            <div className="grid3">
              <TextInput id={`dev-${i}-id`} label={t('deviceSettings.name')} value={r.id} onChange={(id) => set(i, { id })} maxLength={32} error={err(`devices.${i}.id`)} />
              <div className="field">
                <label htmlFor={`dev-${i}-kind`}>{t('deviceSettings.kind')}</label>
                <select id={`dev-${i}-kind`} value={r.kind} onChange={(e) => set(i, { kind: e.target.value as DeviceKind })}>
                  {DEVICE_KINDS.map((k) => <option key={k} value={k}>{t(`devices.kinds.${k}`)}</option>)}
                </select>
              </div>
              <div className="field full">
                <label htmlFor={`dev-${i}-address`}>{t('deviceSettings.address')}</label>
                <input id={`dev-${i}-address`} list="dev-ports" value={r.address} maxLength={300} spellCheck={false}
                  aria-invalid={err(`devices.${i}.address`, `devices.${i}`) ? true : undefined} aria-describedby={`dev-${i}-address-err`}
                  onChange={(e) => set(i, { address: e.target.value })} />
                <FieldError id={`dev-${i}-address-err`} text={err(`devices.${i}.address`, `devices.${i}`)} />
              </div>
              <TextInput id={`dev-${i}-options`} label={t('deviceSettings.options')} value={r.options} onChange={(options) => set(i, { options })} maxLength={600}
                hint={OPTION_HINTS[r.kind]} className="full"
                error={badOptions[i] !== undefined ? t('deviceSettings.badOption', { part: badOptions[i] }) : err(`devices.${i}.options`)} />
            </div>
            <div className="actions">
              <label className="check"><input type="checkbox" id={`dev-${i}-enabled`} checked={r.enabled} onChange={(e) => set(i, { enabled: e.target.checked })} /> {t('deviceSettings.enabled')}</label>
              <button type="button" className="ghost small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('deviceSettings.remove', { id: r.id })}</button>
            </div>
          </fieldset>
        );
      })}
      <FieldError id="dev-list-err" text={err('devices')} />
      <div className="actions"><button type="button" className="secondary" onClick={add}>{t('deviceSettings.add')}</button></div>
      <p className="muted" data-testid="dev-ports">
        {ports && (ports.ports.length ? t('deviceSettings.ports', { list: ports.ports.map((p) => p.path).join(', ') }) : t('deviceSettings.noPorts'))}
        {ports?.warning ? ` ${t('deviceSettings.portsPartial')}` : ''}
      </p>

      <h3>{t('deviceSettings.printing')}</h3>
      <div className="grid3">
        <div className="field">
          <label htmlFor="dev-receipt-code">{t('deviceSettings.receiptCode')}</label>
          <select id="dev-receipt-code" value={print.receiptCode} onChange={(e) => setPrint({ ...print, receiptCode: e.target.value as PrintSettings['receiptCode'] })}>
            <option value="qr">{t('deviceSettings.codes.qr')}</option><option value="barcode">{t('deviceSettings.codes.barcode')}</option><option value="none">{t('deviceSettings.codes.none')}</option>
          </select>
        </div>
        <TextInput id="dev-warn-seconds" label={t('deviceSettings.drawerOpenWarnSeconds')} value={String(print.drawerOpenWarnSeconds)} digits maxLength={4}
          onChange={(v) => setPrint({ ...print, drawerOpenWarnSeconds: num(v) })} error={err('drawerOpenWarnSeconds')} />
        <TextInput id="dev-give-up" label={t('deviceSettings.giveUpMinutes')} value={String(print.giveUpMinutes)} digits maxLength={4}
          onChange={(v) => setPrint({ ...print, giveUpMinutes: num(v) })} error={err('giveUpMinutes')} />
      </div>
      <label className="check"><input type="checkbox" id="dev-block-sale" checked={print.blockSaleWhileDrawerOpen} onChange={(e) => setPrint({ ...print, blockSaleWhileDrawerOpen: e.target.checked })} /> {t('deviceSettings.blockSale')}</label>
      <FieldError id="dev-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions"><button type="submit" className="primary" id="dev-save" disabled={a.busy}>{t('deviceSettings.save')}</button></div>
    </form>
  );
}
