// A count by denomination (float, drop, close-out): one row per bill, coin and roll, Enter to the next.
import { useTranslation } from 'react-i18next';
import { USD_DENOMINATIONS, type DenominationCounts } from '../../shared/denominations';
import { errorAt, errorText, type FieldErrors } from '../errors';
import { count as fmtCount, money } from '../format';
import { useApp } from '../store/app';
import { FieldError } from './FieldError';

interface Props {
  id: string;
  counts: DenominationCounts;
  onChange(c: DenominationCounts): void;
  errors: FieldErrors;
  /** Field path prefix of the counts in the operation's input, e.g. "floatCounts". */
  path: string;
  onDone(): void;
  caption: string;
  /** Rolled coin rows: at close-out, not for a float. */
  rolls?: boolean;
}

export function countsTotal(counts: DenominationCounts): number {
  let total = 0;
  for (const d of USD_DENOMINATIONS) total += (counts[d.key] ?? 0) * d.valueCents;
  return total;
}

export function CountSheet({ id, counts, onChange, errors, path, onDone, caption, rolls }: Props) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const rows = USD_DENOMINATIONS.filter((d) => rolls || d.kind !== 'roll');
  const groups = [
    { kind: 'bill', title: t('open.bills') },
    { kind: 'coin', title: t('open.coins') },
    ...(rolls ? [{ kind: 'roll', title: t('open.rolls') }] : []),
  ];
  function next(i: number) {
    const nextRow = rows[i + 1];
    if (nextRow) document.getElementById(`${id}-${nextRow.key}`)?.focus();
    else onDone();
  }
  return (
    <table className="count-sheet">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">{t('open.denomination')}</th><th scope="col">{t('open.count')}</th><th scope="col" className="num">{t('open.amount')}</th></tr></thead>
      {groups.map((g) => (
        <tbody key={g.kind}>
          <tr className="group"><th scope="rowgroup" colSpan={3}>{g.title}</th></tr>
          {rows.filter((d) => d.kind === g.kind).map((d) => {
            const i = rows.indexOf(d);
            const n = counts[d.key];
            const err = errorAt(errors, `${path}.${d.key}`);
            const label = t(`denom.${d.key}` as 'denom.bill_100');
            return (
              <tr key={d.key} className={err ? 'has-error' : undefined}>
                <th scope="row"><label htmlFor={`${id}-${d.key}`}>{label}</label></th>
                <td>
                  <input id={`${id}-${d.key}`} className="count" inputMode="numeric" autoComplete="off" maxLength={6}
                    value={n === undefined ? '' : String(n)} placeholder="0"
                    aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-${d.key}-err` : undefined}
                    data-autofocus={i === 0 ? '' : undefined}
                    onChange={(e) => {
                      const v = e.target.value.replace(/\D/g, '');
                      const copy = { ...counts };
                      if (v === '') delete copy[d.key]; else copy[d.key] = Number(v);
                      onChange(copy);
                    }}
                    onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); next(i); } }} />
                  <FieldError id={`${id}-${d.key}-err`} text={err ? errorText(err, lang) : undefined} />
                </td>
                <td className="num">{n ? money(n * d.valueCents, lang) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
      <tfoot><tr><th scope="row" colSpan={2}>{caption}: {fmtCount(Object.values(counts).reduce((s, n) => s + n, 0), lang)}</th><td className="num total">{money(countsTotal(counts), lang)}</td></tr></tfoot>
    </table>
  );
}
