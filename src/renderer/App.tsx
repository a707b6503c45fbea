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
import { Setup } from './screens/Setup';
import { loadScreens, prefetchScreensOnFirstInput, useScreens } from './screens/loadScreens';
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
  const screens = useScreens();
  return office && user && !locked && screens ? <screens.OfficeMenu /> : null;
}

type Shown = 'setup' | 'signin' | 'lock' | 'loading' | 'open' | Screen;

function shown(s: ReturnType<typeof useApp.getState>): Shown {
  if (!s.user) return !s.setup ? 'loading' : s.setup.needed ? 'setup' : 'signin';
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
  const screens = useScreens();
  const wanted = useApp(shown);
  const screen = wanted === 'signin' || wanted === 'setup' || screens ? wanted : 'loading';
  // Each new screen starts with the focus on its first field.
  useEffect(() => { focusScreen(); }, [screen]);
  // Signed in before they were here, or their first load failed: ask (again).
  const signedIn = useApp((s) => !!s.user);
  useEffect(() => { if (signedIn && !screens) void loadScreens().catch(() => undefined); }, [signedIn, wanted, screens]);
  if (screen === 'signin') return <SignIn />;
  if (screen === 'setup') return <Setup />;
  if (screen === 'loading' || !screens) return <main className="screen center"><p>{t('app.loading')}</p></main>;
  const { Lock, OpenDrawer, Till, CloseOut, Deposit, ReturnedCheck, Reports, Devices, SyncScreen, Admin, Batches } = screens;
  switch (screen) {
    case 'lock': return <Lock />;
    case 'open': return <OpenDrawer />;
    case 'till': return <Till />;
    case 'closeout': return <CloseOut />;
    case 'deposit': return <Deposit />;
    case 'returned': return <ReturnedCheck />;
    case 'reports': return <Reports />;
    case 'devices': return <Devices />;
    case 'sync': return <SyncScreen />;
    case 'admin': return <Admin />;
    case 'batches': return <Batches />;
  }
}

export function App() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    const stopFocus = installFocusKeeper();
    const stopEvents = subscribeEvents();
    const stopPrefetch = prefetchScreensOnFirstInput();
    return () => { stopPrefetch(); stopFocus(); stopEvents(); };
  }, []);
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
