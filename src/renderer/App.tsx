// Which screen the cashier sees: sign-in, lock, open drawer, then the till and the end-of-day screens.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { focusScreen, installFocusKeeper } from './focus';
import { useHotkeys } from './hotkeys';
import { useIdleLock } from './idleLock';
import { hasBridge } from './transport';
import { useApp } from './store/app';
import { subscribeEvents } from './events';
import { TopBar } from './components/TopBar';
import { Notices } from './components/Notices';
import { SignIn } from './screens/SignIn';
import { Lock } from './screens/Lock';
import { OpenDrawer } from './screens/OpenDrawer';
import { Till } from './screens/Till';
import { OfficeMenu } from './components/OfficeMenu';
import { CloseOut } from './screens/CloseOut';
import { Deposit } from './screens/Deposit';
import { ReturnedCheck } from './screens/ReturnedCheck';
import { Reports } from './screens/Reports';
import { Devices } from './screens/Devices';
import { SyncScreen } from './screens/Sync';
import { Admin } from './screens/Admin';
import type { Screen } from './store/app';

/** Keys that work on every screen: language, lock; and the lock after the till stands idle. */
function GlobalKeys() {
  const user = useApp((s) => s.user);
  const locked = useApp((s) => s.locked);
  const idleMinutes = useApp((s) => s.info?.idleLockMinutes ?? 0);
  useIdleLock(!!user && !locked, idleMinutes);
  useHotkeys({
    'Alt+E': () => { const { lang, setLang } = useApp.getState(); setLang(lang === 'en' ? 'es' : 'en'); },
    'Alt+L': () => { if (user && !locked) void useApp.getState().lock(); },
    'Alt+O': () => { if (user && !locked) useApp.getState().setOffice(!useApp.getState().officeOpen); },
  }, true, () => false);
  const office = useApp((s) => s.officeOpen);
  return office && user && !locked ? <OfficeMenu /> : null;
}

type Shown = 'signin' | 'lock' | 'loading' | 'open' | Screen;

function shown(s: ReturnType<typeof useApp.getState>): Shown {
  if (!s.user) return 'signin';
  if (s.locked) return 'lock';
  if (!s.sessionKnown) return 'loading';
  if (s.screen !== 'till') return s.screen;
  const mine = s.session !== null && s.session.cashierId === s.user.id;
  if (mine && s.session!.state === 'open') return 'till';
  // Counted but not closed (an over/short waiting for a supervisor): the close-out carries on.
  if (mine && s.session!.state === 'counted') return 'closeout';
  return 'open';
}

function Body() {
  const { t } = useTranslation();
  const screen = useApp(shown);
  // Each new screen starts with the focus on its first field.
  useEffect(() => { focusScreen(); }, [screen]);
  switch (screen) {
    case 'signin': return <SignIn />;
    case 'lock': return <Lock />;
    case 'loading': return <main className="screen center"><p>{t('app.loading')}</p></main>;
    case 'open': return <OpenDrawer />;
    case 'till': return <Till />;
    case 'closeout': return <CloseOut />;
    case 'deposit': return <Deposit />;
    case 'returned': return <ReturnedCheck />;
    case 'reports': return <Reports />;
    case 'devices': return <Devices />;
    case 'sync': return <SyncScreen />;
    case 'admin': return <Admin />;
  }
}

export function App() {
  const { t } = useTranslation();
  const loadInfo = useApp((s) => s.loadInfo);
  const lang = useApp((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    void loadInfo();
    const stopFocus = installFocusKeeper();
    const stopEvents = subscribeEvents();
    return () => { stopFocus(); stopEvents(); };
  }, [loadInfo]);
  if (!hasBridge) {
    return <main className="screen center"><h1>{t('app.name')}</h1><p className="error-box" role="alert">{t('app.noBridge')}</p></main>;
  }
  return (
    <div className="app">
      <GlobalKeys />
      <TopBar />
      <Body />
      <Notices />
    </div>
  );
}
