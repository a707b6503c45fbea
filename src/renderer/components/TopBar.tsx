// The strip across the top: city, station, business day, who is signed in, language, lock.
import { useTranslation } from 'react-i18next';
import { day } from '../format';
import { useApp } from '../store/app';

export function TopBar() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const user = useApp((s) => s.user);
  const locked = useApp((s) => s.locked);
  const lang = useApp((s) => s.lang);
  const setLang = useApp((s) => s.setLang);
  const lock = useApp((s) => s.lock);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="city">{info?.cityName ?? t('app.name')}</span>
        {info && <span className="station">{t('app.station', { id: info.stationId })}</span>}
      </div>
      {info && (
        <div className="day"><span className="label">{t('app.businessDay')}</span> <strong>{day(info.businessDay, lang)}</strong></div>
      )}
      <div className="who">
        {user && !locked && <span className="user"><strong>{user.name}</strong> <span className="role">{t(`app.role.${user.role}`)}</span></span>}
        <button type="button" className="ghost" lang={lang === 'en' ? 'es' : 'en'} aria-label={t('app.languageLabel')} onClick={() => setLang(lang === 'en' ? 'es' : 'en')}>
          {t('app.language')} <kbd>Alt+E</kbd>
        </button>
        {user && !locked && <button type="button" className="ghost" onClick={() => void lock()}>{t('app.lock')} <kbd>Alt+L</kbd></button>}
      </div>
    </header>
  );
}
