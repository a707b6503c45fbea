// The strip across the top: city, station, business day, who is signed in, language, lock.
import { useTranslation } from 'react-i18next';
import { day } from '../format';
import { messageText } from '../messageText';
import { useApp } from '../store/app';

export function TopBar() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const user = useApp((s) => s.user);
  const locked = useApp((s) => s.locked);
  const lang = useApp((s) => s.lang);
  const setLang = useApp((s) => s.setLang);
  const lock = useApp((s) => s.lock);
  const sync = useApp((s) => s.sync);
  const devices = useApp((s) => s.devices);
  const go = useApp((s) => s.go);
  // Not set up yet: the station ID is not known (the hub gives it, or IT types it).
  const settingUp = useApp((s) => s.setup?.needed ?? false);
  const trouble = Object.values(devices).filter((d) => d.state === 'offline' || d.state === 'error');
  return (
    <header className="topbar">
      <div className="brand">
        <span className="city">{info?.cityName || t('app.name')}</span>
        {info && !settingUp && <span className="station">{t('app.station', { id: info.stationId })}</span>}
      </div>
      {info && (
        <div className="day"><span className="label">{t('app.businessDay')}</span> <strong>{day(info.businessDay, lang)}</strong></div>
      )}
      {user && !locked && (
        <div className="status-pills" role="status" aria-live="polite">
          {sync && sync.state !== 'not_enrolled' && (
            <button type="button" tabIndex={-1} className={`pill ${sync.state}`} title={sync.refused ? `${sync.refused.code}: ${sync.refused.message}` : undefined} onClick={() => go('sync')}>
              {t(`sync.states.${sync.state}`).split(' —')[0]}{sync.pendingCount > 0 ? ` · ${t('sync.pendingShort', { n: sync.pendingCount })}` : ''}
            </button>
          )}
          {/* Which device and its state, kept short so the strip stays one line: the notice below says what to do. */}
          {trouble.map((d) => (
            <button key={d.id} type="button" tabIndex={-1} className="pill error" title={messageText(d.message, d.detail)} onClick={() => go('devices')}>
              {t(`devices.kinds.${d.kind}`)}: {t(`devices.deviceStates.${d.state}`)}
            </button>
          ))}
        </div>
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
