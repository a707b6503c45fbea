// Messages the station sends as things happen (paper out, drawer left open, offline, posted).
import { useTranslation } from 'react-i18next';
import { useApp } from '../store/app';

export function Notices() {
  const { t } = useTranslation();
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  return (
    <section className="notices" aria-label={t('app.notices')} aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.word ? n.word() : n.text}</span>
          <button type="button" className="ghost small" tabIndex={-1} onClick={() => dismiss(n.id)} aria-label={t('app.dismiss')}>×</button>
        </div>
      ))}
    </section>
  );
}
