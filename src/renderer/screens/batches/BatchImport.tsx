// A lockbox or online-payment file imported as a batch: the station reads the bytes, never the browser.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../shared/contract/batches';
import { AmountInput } from '../../components/AmountInput';
import { FieldError } from '../../components/FieldError';
import { amountOf, EMPTY, type AmountKeys } from '../../amountEntry';
import { errorAt, errorText, unclaimed } from '../../errors';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

function base64Of(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function BatchImport({ onImported }: { onImported(b: BatchView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [source, setSource] = useState<'lockbox' | 'online'>('lockbox');
  const [file, setFile] = useState<File | null>(null);
  const [bank, setBank] = useState<AmountKeys>(EMPTY);
  const [said, setSaid] = useState('');
  const act = useAction();
  const run = async () => {
    if (!file) return;
    const contentBase64 = base64Of(await file.arrayBuffer());
    void act.run((id) => call('batch.import', { id, source, fileName: file.name, contentBase64, bankDepositCents: amountOf(bank) ?? 0 }), (r) => {
      setSaid(r.outcome === 'already' ? t('batch.already', { number: r.batch.batchNumber }) : t('batch.imported', { number: r.batch.batchNumber, n: r.batch.items.length, exceptions: r.exceptions }));
      onImported(r.batch);
    });
  };
  const fileErr = errorAt(act.errors, 'contentBase64', 'fileName', 'layoutId');
  const rest = unclaimed(act.errors, ['contentBase64', 'fileName', 'layoutId', 'bankDepositCents']);
  const bankErr = errorAt(act.errors, 'bankDepositCents');
  return (
    <form onSubmit={(ev) => { ev.preventDefault(); void run(); }} aria-labelledby="bf-title">
      <h2 id="bf-title">{t('batch.import')}</h2>
      <div className="field">
        <label htmlFor="bf-source">{t('batch.sourceLabel')}</label>
        <select id="bf-source" value={source} onChange={(ev) => setSource(ev.target.value as 'lockbox' | 'online')}>
          <option value="lockbox">{t('batch.source.lockbox')}</option>
          <option value="online">{t('batch.source.online')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="bf-file">{t('batch.file')}</label>
        <input id="bf-file" type="file" onChange={(ev) => { setFile(ev.target.files?.[0] ?? null); setSaid(''); }} aria-describedby={fileErr ? 'bf-file-err' : undefined} />
        <FieldError id="bf-file-err" text={fileErr ? errorText(fileErr, lang) : undefined} />
      </div>
      <AmountInput id="bf-bank" label={t('batch.bankDeposit')} value={bank} onChange={setBank} error={bankErr ? errorText(bankErr, lang) : undefined} />
      <FieldError id="bf-err" text={rest ? errorText(rest, lang) : undefined} />
      {said && <p role="status" id="bf-said">{said}</p>}
      <div className="actions"><button type="submit" className="primary" id="bf-import" disabled={act.busy || !file}>{t('batch.importButton')}</button></div>
    </form>
  );
}
