// Closing a business day (supervisor): once every drawer of the day is closed out, the day is sealed
// and takes no more payments, drawer openings or returned checks. Asked twice, because it is final.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessDayView } from '../../../shared/endOfDayViews';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { errorAt, errorText } from '../../errors';
import { day as dayText, time } from '../../format';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

export function CloseDay({ view, onClosed }: { view: BusinessDayView; onClosed(v: BusinessDayView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [asking, setAsking] = useState(false);
  const a = useAction();
  const err = errorAt(a.errors, 'businessDay') ?? errorAt(a.errors, '');
  const day = dayText(view.day, lang);

  if (view.closed) {
    return <p className="notice" data-testid="day-closed">{t('closeDay.closedBy', { day, at: view.closedAt ? time(view.closedAt, lang) : '', who: view.closedBy?.name ?? '' })}</p>;
  }
  const close = () => void a.run(() => call('businessDay.close', { businessDay: view.day }), (v) => { setAsking(false); onClosed(v); });
  return (
    <div className="close-day">
      {view.sessionsNotClosed > 0 && <p className="muted" data-testid="day-open-sessions">{t('closeDay.openSessions', { count: view.sessionsNotClosed })}</p>}
      <div className="actions">
        <button type="button" className="secondary" id="close-day" onClick={() => { a.setErrors({}); setAsking(true); }}>{t('closeDay.button', { day })}</button>
      </div>
      {asking && (
        <Dialog id="close-day-dialog" title={t('closeDay.title', { day })} onClose={() => setAsking(false)}>
          <p>{t('closeDay.warning')}</p>
          <FieldError id="close-day-err" text={err ? errorText(err, lang) : undefined} />
          <div className="actions">
            <button type="button" className="primary" id="close-day-confirm" data-autofocus disabled={a.busy} onClick={close}>{t('closeDay.confirm')}</button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>{t('drawer.cancel')}</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
