// The receipt just completed: the change, large, until the next customer's first line.
import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../../shared/views';
import { money } from '../../format';
import { useApp } from '../../store/app';
import { useSale } from '../../store/sale';
import { saveAgreementPdf } from './ArrangementPanel';

export function ChangeDue({ receipt }: { receipt: ReceiptView }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const made = useSale((s) => s.lastArrangement);
  return (
    <section className="panel change-due" aria-labelledby="change-title" role="status">
      <h2 id="change-title">{receipt.changeCents > 0 ? t('till.changeDue') : t('till.noChange')}</h2>
      {receipt.changeCents > 0 && <p className="change-amount" data-testid="change">{money(receipt.changeCents, lang)}</p>}
      <p className="receipt-done">{t('till.completed', { number: receipt.receiptNumber })}</p>
      {receipt.cashRoundingCents ? (
        <p className="cash-rounding" data-testid="cash-rounding">
          {t('till.cashRounding', { amount: `${receipt.cashRoundingCents > 0 ? '+' : '−'}${money(Math.abs(receipt.cashRoundingCents), lang)}`, due: money(receipt.totalCents + receipt.cashRoundingCents, lang) })}
        </p>
      ) : null}
      <p className="muted">{t('till.paidWith', { total: money(receipt.totalCents, lang), tendered: money(receipt.tenderedCents, lang) })}</p>
      {made && (
        <div className="arrangement-made">
          <p><strong>{t('arrangement.made', { number: made.number, lang: t(`arrangement.langs.${made.lang}`) })}</strong></p>
          <button type="button" className="secondary" onClick={() => void saveAgreementPdf(made.id)}>{t('arrangement.pdf')}</button>
        </div>
      )}
      <p className="next-hint">{t('till.nextHint')}</p>
    </section>
  );
}
