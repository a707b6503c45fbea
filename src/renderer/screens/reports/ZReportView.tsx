// An X or Z report on screen: receipts, by tender, by revenue code, voids, paid-in/out, drops, no-sales.
import { useTranslation } from 'react-i18next';
import type { SessionReport } from '../../../shared/endOfDayViews';
import { count, dateTime, day, money } from '../../format';
import { useApp } from '../../store/app';
import { codeName } from '../../store/catalog';

export function ZReportView({ report }: { report: SessionReport }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const r = report;
  return (
    <section className="report" aria-labelledby={`report-${r.kind}-title`}>
      <h2 id={`report-${r.kind}-title`}>{r.kind === 'Z' ? t('reports.z') : t('reports.x')} — {r.session.cashier.name}, {r.session.stationId}</h2>
      <p className="muted">{t('reports.generated', { at: dateTime(r.generatedAt, lang) })}</p>
      <table className="data">
        <caption>{t('reports.summary')}</caption>
        <tbody>
          <tr><th scope="row">{t('reports.receipts')}</th><td className="num">{count(r.receipts.count, lang)}</td><td className="num">{money(r.receipts.totalCents, lang)}</td></tr>
          <tr><th scope="row">{t('reports.voids')}</th><td className="num">{count(r.voids.count, lang)}</td><td className="num">{money(r.voids.totalCents, lang)}</td></tr>
          <tr><th scope="row">{t('drawer.paidIn')}</th><td className="num">{count(r.paidIns.count, lang)}</td><td className="num">{money(r.paidIns.totalCents, lang)}</td></tr>
          <tr><th scope="row">{t('drawer.paidOut')}</th><td className="num">{count(r.paidOuts.count, lang)}</td><td className="num">{money(r.paidOuts.totalCents, lang)}</td></tr>
          <tr><th scope="row">{t('drawer.drop')}</th><td className="num">{count(r.drops.count, lang)}</td><td className="num">{money(r.drops.totalCents, lang)}</td></tr>
          <tr><th scope="row">{t('drawer.noSale')}</th><td className="num">{count(r.noSales.count, lang)}</td><td /></tr>
        </tbody>
      </table>
      <table className="data">
        <caption>{t('reports.byTender')}</caption>
        <thead><tr><th scope="col">{t('tender.kind')}</th><th scope="col" className="num">{t('reports.count')}</th><th scope="col" className="num">{t('reports.net')}</th></tr></thead>
        <tbody>{r.byTender.map((x) => <tr key={x.kind}><th scope="row">{t(`tender.${x.kind}`)}</th><td className="num">{count(x.count, lang)}</td><td className="num">{money(x.netCents, lang)}</td></tr>)}</tbody>
        {r.cashRounding.count > 0 && <tfoot><tr data-testid="z-cash-rounding"><th scope="row">{t('reports.cashRounding', { n: r.cashRounding.count })}</th><td /><td className="num">{money(r.cashRounding.totalCents, lang)}</td></tr></tfoot>}
      </table>
      {r.byBusinessDay.length > 1 && (
        <table className="data" data-testid="z-by-day">
          <caption>{t('reports.byBusinessDay')}</caption>
          <tbody>{r.byBusinessDay.map((d) => <tr key={d.businessDay}><th scope="row">{day(d.businessDay, lang)}</th><td className="num">{count(d.receipts.count, lang)}</td><td className="num">{money(d.receipts.totalCents, lang)}</td></tr>)}</tbody>
        </table>
      )}
      <table className="data">
        <caption>{t('reports.byCode')}</caption>
        <thead><tr><th scope="col">{t('fee.code')}</th><th scope="col" className="num">{t('reports.count')}</th><th scope="col" className="num">{t('reports.total')}</th></tr></thead>
        <tbody>{r.byRevenueCode.map((x) => <tr key={x.revenueCode}><th scope="row">{x.revenueCode} — {codeName(x, lang)}</th><td className="num">{count(x.lineCount, lang)}</td><td className="num">{money(x.totalCents, lang)}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
