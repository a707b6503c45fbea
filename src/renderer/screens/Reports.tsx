// Reports: the X report of the open drawer (printed on request), the daily summary of a business day
// by revenue code, GL account, tender and cashier (where the day is closed), and the CSV exports.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessDayView, DailySummary, XReport } from '../../shared/endOfDayViews';
import { FieldError } from '../components/FieldError';
import { OverShortAmount } from '../components/OverShort';
import { Page } from '../components/Page';
import { TextInput } from '../components/TextInput';
import { download } from '../download';
import { errorAt, errorText } from '../errors';
import { count, day, money } from '../format';
import { call } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { codeName } from '../store/catalog';
import { CloseDay } from './reports/CloseDay';
import { ZReportView } from './reports/ZReportView';

function Summary({ s, onDayClosed }: { s: DailySummary; onDayClosed(v: BusinessDayView): void }) {
  const { t } = useTranslation();
  const lang = useApp((st) => st.lang);
  const c = s.collections;
  return (
    <section className="report" aria-labelledby="ds-title">
      <h2 id="ds-title">{t('reports.daily', { day: day(s.businessDay, lang) })}{s.day.closed ? ` — ${t('reports.dayClosed')}` : ''}</h2>
      <p className="slip-total">{t('reports.collections')} <strong data-testid="daily-total">{money(c.totalCents, lang)}</strong> · {t('reports.receiptsN', { n: c.receipts.count })}</p>
      <div className="two-col">
        <table className="data"><caption>{t('reports.byCode')}</caption>
          <tbody>{c.byRevenueCode.map((x) => <tr key={x.revenueCode}><th scope="row">{x.revenueCode} — {codeName(x, lang)}</th><td className="num">{count(x.lineCount, lang)}</td><td className="num">{money(x.totalCents, lang)}</td></tr>)}</tbody></table>
        <table className="data"><caption>{t('reports.byGl')}</caption>
          <tbody>{c.byGlAccount.map((x) => <tr key={x.glAccount}><th scope="row" className="mono">{x.glAccount}</th><td>{x.revenueCodes.join(', ')}</td><td className="num">{money(x.totalCents, lang)}</td></tr>)}</tbody></table>
        <table className="data"><caption>{t('reports.byTender')}</caption>
          <tbody>{c.byTender.map((x) => <tr key={x.kind}><th scope="row">{t(`tender.${x.kind}`)}</th><td className="num">{count(x.count, lang)}</td><td className="num">{money(x.netCents, lang)}</td></tr>)}</tbody></table>
        <table className="data"><caption>{t('reports.byCashier')}</caption>
          <tbody>{c.byCashier.map((x) => <tr key={x.cashier.id}><th scope="row">{x.cashier.name}</th><td className="num">{money(x.totalCents, lang)}</td><td className="num"><OverShortAmount cents={x.overShortCents} /></td></tr>)}</tbody></table>
      </div>
      {s.closeouts.sessions.filter((x) => x.split).map((x) => (
        <p key={x.sessionId} className="banner info" data-testid="split-session">
          {x.cashier.name} ({x.stationId}): {money(x.totalCents, lang)} · {t('reports.split', { days: x.split!.days.map((d) => day(d, lang)).join(', '), day: day(x.split!.overShortOn, lang) })}
        </p>
      ))}
      {c.cashRounding.count > 0 && <p data-testid="daily-cash-rounding">{t('reports.cashRounding', { n: c.cashRounding.count })}: {money(c.cashRounding.totalCents, lang)}</p>}
      <p>{t('reports.drawerLine', { paidIn: money(s.drawer.paidInCents, lang), paidOut: money(s.drawer.paidOutCents, lang), drops: money(s.drawer.dropsCents, lang), noSales: s.drawer.noSales })}</p>
      {s.returnedChecks.count > 0 && <p>{t('reports.returnedLine', { n: s.returnedChecks.count, amount: money(s.returnedChecks.totalCents, lang) })}</p>}
      <p>{t('reports.netLine', { amount: money(s.net.totalCents, lang) })}</p>
      <CloseDay view={s.day} onClosed={onDayClosed} />
    </section>
  );
}

export function Reports() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const info = useApp((s) => s.info);
  const notify = useApp((s) => s.notify);
  const [x, setX] = useState<XReport | null>(null);
  const [businessDay, setBusinessDay] = useState(info?.businessDay ?? '');
  const [summary, setSummary] = useState<DailySummary | null>(null);
  const a = useAction();

  useEffect(() => { void call('report.x', {}).then((r) => { if (r.ok) setX(r.value); }); }, []);
  const load = () => void a.run(() => call('report.dailySummary', { businessDay }), setSummary, { businessDay: 'rep-day' });
  useEffect(() => { if (businessDay) load(); }, []);

  async function exportCsv(which: 'export.dailySummary' | 'export.receiptsJournal') {
    const r = await call(which, { businessDay });
    if (r.ok) download(r.value.filename, r.value.mimeType, r.value.content);
    else notify('error', errorText(r.error, lang));
  }
  async function printX() {
    const r = await call('print.xReport', {});
    notify(r.ok ? 'info' : 'error', r.ok ? t('reports.xQueued') : errorText(r.error, lang));
  }

  const dayErr = errorAt(a.errors, 'businessDay');
  return (
    <Page id="reports" title={t('reports.title')}>
      <div className="two-col">
        <section className="panel">
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); load(); }}>
            <TextInput id="rep-day" label={t('reports.day')} value={businessDay} onChange={setBusinessDay} maxLength={10} hint="YYYY-MM-DD" autoFocus />
            <button type="submit" className="primary">{t('reports.show')} <kbd>Enter</kbd></button>
          </form>
          <FieldError id="rep-day-err2" text={dayErr ? errorText(dayErr, lang) : undefined} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void exportCsv('export.dailySummary')}>{t('reports.exportSummary')}</button>
            <button type="button" className="secondary" onClick={() => void exportCsv('export.receiptsJournal')}>{t('reports.exportJournal')}</button>
          </div>
          {summary && <Summary s={summary} onDayClosed={(v) => { notify('info', t('closeDay.done', { day: day(v.day, lang) })); load(); }} />}
        </section>
        <section className="panel">
          {x ? <><ZReportView report={x} /><div className="actions"><button type="button" className="secondary" onClick={() => void printX()}>{t('reports.printX')}</button></div></>
            : <p className="muted">{t('reports.noOpenDrawer')}</p>}
        </section>
      </div>
    </Page>
  );
}
