// The paper checks due for shredding: checks whose image went to the bank in an image cash letter more
// than the bank profile's retention days ago (the bank has the image; the paper has been kept long enough).
// Checks that went to the bank on paper are never listed: the bank has the paper itself. Once shredded,
// the supervisor records it per deposit (the journal keeps who and which checks), and they leave the list.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperToShred } from '../../../shared/contract/checkImages';
import { FieldError } from '../../components/FieldError';
import { errorAt, errorText } from '../../errors';
import { day, money } from '../../format';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

export function ShredList() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const [rows, setRows] = useState<PaperToShred[] | null>(null);
  const a = useAction();
  useEffect(() => { void call('checkImages.paperToShred', {}).then((r) => { if (r.ok) setRows(r.value); }); }, []);
  if (!rows) return null;
  const deposits = [...new Map(rows.map((r) => [r.depositId, r])).values()].map((r) => ({ id: r.depositId, bag: r.bagNumber, n: rows.filter((x) => x.depositId === r.depositId).length }));
  const label = (d: (typeof deposits)[number]) => d.bag ? t('shred.bag', { bag: d.bag }) : d.id.slice(0, 8);
  const record = (d: (typeof deposits)[number]) => void a.run(() => call('checkImages.recordShredded', { depositId: d.id }), (v) => {
    setRows(v); notify('info', t('shred.recorded', { deposit: label(d), count: d.n }));
  });
  const err = errorAt(a.errors, 'depositId', '');
  return (
    <section className="panel" aria-labelledby="shred-title" data-testid="shred-list">
      <h2 id="shred-title">{t('shred.title')}</h2>
      <p className="hint">{t('shred.intro')}</p>
      {rows.length === 0 ? <p className="muted" data-testid="shred-none">{t('shred.none')}</p> : (
        <table className="data">
          <caption className="sr-only">{t('shred.title')}</caption>
          <thead><tr>
            <th scope="col">{t('shred.receipt')}</th><th scope="col">{t('shred.checkNumber')}</th><th scope="col" className="num">{t('shred.amount')}</th>
            <th scope="col">{t('shred.deposit')}</th><th scope="col">{t('shred.sentOn')}</th><th scope="col">{t('shred.shredFrom')}</th>
          </tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.depositId}-${r.receiptNumber}-${r.tenderNo}`}>
                <th scope="row" className="mono">{r.receiptNumber}</th>
                <td className="mono">#{r.checkNumber}</td>
                <td className="num">{money(r.amountCents, lang)}</td>
                <td>{r.bagNumber ? t('shred.bag', { bag: r.bagNumber }) : <span className="mono small">{r.depositId.slice(0, 8)}</span>}</td>
                <td>{day(r.sentOn, lang)}</td>
                <td>{day(r.shredFrom, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr className="total"><th scope="row" colSpan={2}>{t('shred.count', { count: rows.length })}</th><td className="num">{money(rows.reduce((s, r) => s + r.amountCents, 0), lang)}</td><td colSpan={3} /></tr></tfoot>
        </table>
      )}
      {deposits.length > 0 && (
        <div className="actions">
          {deposits.map((d) => (
            <button key={d.id} type="button" className="secondary" disabled={a.busy} onClick={() => record(d)}>{t('shred.record', { deposit: label(d), count: d.n })}</button>
          ))}
        </div>
      )}
      <FieldError id="shred-err" text={err ? errorText(err, lang) : undefined} />
    </section>
  );
}
