// Expected against counted, per tender: over in green with "+", short in red with "−" and the word,
// so no one reads a shortage as an overage.
import { useTranslation } from 'react-i18next';
import type { OverShortLine } from '../../shared/endOfDayViews';
import { money } from '../format';
import { useApp } from '../store/app';

export function OverShortAmount({ cents }: { cents: number }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  if (cents === 0) return <span className="os even">{money(0, lang)} <span className="os-word">{t('closeout.even')}</span></span>;
  return cents > 0
    ? <span className="os over">+{money(cents, lang)} <span className="os-word">{t('closeout.over')}</span></span>
    : <span className="os short">{money(cents, lang)} <span className="os-word">{t('closeout.short')}</span></span>;
}

export function OverShortTable({ lines, cardLines, caption }: { lines: OverShortLine[]; cardLines: OverShortLine[]; caption: string }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const row = (l: OverShortLine, sub: boolean) => (
    <tr key={`${l.tender}-${l.brand ?? ''}`} className={sub ? 'sub' : undefined}>
      <th scope="row">{sub ? `— ${t(`tender.brands.${l.brand!}`)}` : t(`tender.${l.tender}`)}</th>
      <td className="num">{money(l.expectedCents, lang)}{l.expectedCount !== null ? <span className="muted"> ({l.expectedCount})</span> : null}</td>
      <td className="num">{money(l.countedCents, lang)}{l.countedCount !== null ? <span className="muted"> ({l.countedCount})</span> : null}</td>
      <td className="num"><OverShortAmount cents={l.overShortCents} /></td>
    </tr>
  );
  return (
    <table className="data over-short">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">{t('tender.kind')}</th><th scope="col" className="num">{t('closeout.expected')}</th><th scope="col" className="num">{t('closeout.counted')}</th><th scope="col" className="num">{t('closeout.overShort')}</th></tr></thead>
      <tbody>
        {lines.map((l) => [row(l, false), ...(l.tender === 'card' ? cardLines.map((c) => row(c, true)) : [])])}
      </tbody>
    </table>
  );
}
