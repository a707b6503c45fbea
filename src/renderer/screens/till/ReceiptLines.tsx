// The lines of the receipt being built, each with what it pays for and its amount.
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, errorText } from '../../errors';
import { day, money } from '../../format';
import { explainFee } from '../../feeText';
import { useApp } from '../../store/app';
import { codeName } from '../../store/catalog';
import { useSale } from '../../store/sale';
import { FieldError } from '../../components/FieldError';
import { AmountInput } from '../../components/AmountInput';
import { EMPTY, amountOf, type AmountKeys } from '../../amountEntry';
import { focusId } from '../../focus';
import type { SaleLine } from '../../store/sale';

/** A scanned line: its due date (past due said so) and its amount, editable for a partial or over-payment. */
function StubLine({ line, n, today }: { line: SaleLine; n: number; today: string }) {
  const { t } = useTranslation();
  const setLineAmount = useSale((s) => s.setLineAmount);
  const [keys, setKeys] = useState<AmountKeys | null>(null);
  const stub = line.stub!;
  const past = stub.dueDate !== null && stub.dueDate < today;
  const save = () => {
    const cents = amountOf(keys ?? EMPTY);
    if (cents !== null && cents > 0) setLineAmount(line.key, cents);
    setKeys(null);
    focusId('tender-amount');
  };
  return (
    <div className="muted stub-line">
      {stub.dueDate && <span className={past ? 'past-due' : undefined} data-testid={`line-${n}-due`}>{t('scan.due', { date: stub.dueDate })}{past ? ` — ${t('scan.pastDue')}` : ''}</span>}
      {stub.billNumber && <span> · {t('scan.bill', { bill: stub.billNumber })}</span>}
      {keys === null
        ? <> <button type="button" className="ghost small" id={`line-${n}-edit`} onClick={() => { setKeys(EMPTY); requestAnimationFrame(() => focusId(`line-${n}-amount`)); }}>{t('scan.changeAmount')}</button></>
        : <AmountInput id={`line-${n}-amount`} label={t('scan.amountFor', { n })} value={keys} onChange={setKeys} onEnter={save} placeholderCents={line.amountCents} />}
      {keys !== null && <button type="button" className="secondary small" onClick={save}>{t('scan.save')}</button>}
    </div>
  );
}

export const ReceiptLines = memo(function ReceiptLines() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const lines = useSale((s) => s.lines);
  const errors = useSale((s) => s.errors);
  const removeLine = useSale((s) => s.removeLine);
  const today = useApp((s) => s.info?.businessDay ?? '');
  const linesErr = errors.lines;
  const pending = useSale((s) => s.arrangement);
  return (
    <section className="panel lines" aria-labelledby="lines-title">
      <h2 id="lines-title">{t('till.receipt')}</h2>
      {lines.length === 0
        ? <p className="muted">{t('till.empty')}</p>
        : (
          <div className="lines-scroll">
            <table className="receipt-lines">
              <thead className="sr-only"><tr><th scope="col">{t('till.line')}</th><th scope="col">{t('fee.code')}</th><th scope="col">{t('tender.amount')}</th><th scope="col">{t('till.remove')}</th></tr></thead>
              <tbody>
                {lines.map((l, i) => {
                  const err = errorAt(errors, `lines.${i}`);
                  const name = codeName(l, lang);
                  return (
                    <tr key={l.key} className={err ? 'has-error' : undefined}>
                      <td className="line-no">{i + 1}</td>
                      <td>
                        <strong>{name}</strong>
                        {l.accountNumber && <div className="muted"><span className="mono">{l.accountNumber}</span>{l.accountName ? ` · ${l.accountName}` : ''}</div>}
                        {l.rule && l.feeInputs && <div className="muted">{explainFee(l.rule, l.feeInputs, l.amountCents, lang)}</div>}
                        {l.stub && <StubLine line={l} n={i + 1} today={today} />}
                        <FieldError id={`line-${i}-err`} text={err ? errorText(err, lang) : undefined} />
                      </td>
                      <td className="num amount-cell">{money(l.amountCents, lang)}</td>
                      <td><button type="button" className="ghost small" aria-label={t('till.removeLine', { n: i + 1, what: name })} onClick={() => removeLine(l.key)}>✕</button></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      {pending && (
        <p className="banner info pending-arrangement" role="status">
          {t('arrangement.pending', { number: pending.accountNumber, count: pending.instalmentCount, date: day(pending.firstDue, lang) })} {t('arrangement.change')}
        </p>
      )}
      <FieldError id="lines-err" text={linesErr ? errorText(linesErr, lang) : undefined} />
    </section>
  );
});
