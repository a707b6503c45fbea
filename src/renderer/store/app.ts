// Who is at the till and what the station says: signed-in user, lock, drawer session, language,
// the screen shown, and the notices that events bring. The main side decides; this only remembers.
import { create } from 'zustand';
import type { Language } from '../../shared/errors';
import type { SessionView, StationInfo, UserView } from '../../shared/views';
import type { DeviceStatus } from '../../shared/devices';
import type { SyncStatusView } from '../../shared/contract/sync';
import type { SetupStatusView } from '../../shared/contract/setup';
import { call } from '../transport';
import i18n from '../i18n';

export type Screen = 'till' | 'closeout' | 'deposit' | 'returned' | 'reports' | 'devices' | 'sync' | 'admin' | 'batches';

/**
 * text: as worded when it came; word: words it again in the language now set (a notice outlives a language switch).
 * key: the condition it tells of ("print:<job>", "device:<id>"): a newer word on it replaces this one, and
 * the notice goes when the condition clears (the receipt printed, the printer back).
 */
export interface Notice { id: number; kind: 'info' | 'warn' | 'error'; text: string; word?: () => string; at: number; key?: string }

interface AppState {
  info: StationInfo | null;
  /** Whether the station still has to be set up (no users yet): null until asked. */
  setup: SetupStatusView | null;
  loadSetup(): Promise<void>;
  setSetup(s: SetupStatusView): void;
  lang: Language;
  user: UserView | null;
  locked: boolean;
  session: SessionView | null;
  /** True once session.current has answered after sign-in. */
  sessionKnown: boolean;
  screen: Screen;
  notices: Notice[];
  /** The office menu (Alt+O): screens beyond the till. */
  officeOpen: boolean;
  setOffice(open: boolean): void;
  /** Live device states and the sync status, for the status strip. */
  devices: Record<string, DeviceStatus>;
  sync: SyncStatusView | null;
  setDevice(d: DeviceStatus): void;
  setSync(s: SyncStatusView): void;
  loadStatus(): Promise<void>;
  setLang(lang: Language): void;
  loadInfo(): Promise<void>;
  signedIn(user: UserView): Promise<void>;
  refreshSession(): Promise<void>;
  setSession(session: SessionView | null): void;
  lock(): Promise<void>;
  unlocked(user: UserView): void;
  signOut(): Promise<void>;
  go(screen: Screen): void;
  notify(kind: Notice['kind'], text: string | (() => string), key?: string): void;
  dismiss(id: number): void;
  /** The condition a keyed notice told of has cleared: its notice goes. */
  resolve(key: string): void;
}

const LANG_KEY = 'civictill.lang';
let noticeSeq = 0;

function storedLang(): Language | null {
  const v = localStorage.getItem(LANG_KEY);
  return v === 'en' || v === 'es' ? v : null;
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  setup: null,
  async loadSetup() {
    const r = await call('setup.status', {});
    if (r.ok) get().setSetup(r.value);
    // The station did not answer: ask again (the first screen depends on it).
    else if (!get().setup) setTimeout(() => void get().loadSetup(), 1000);
  },
  setSetup(setup) {
    const was = get().setup;
    set({ setup });
    // Set up just now: the station ID and the city came with it.
    if (was?.needed && !setup.needed) void get().loadInfo();
  },
  lang: storedLang() ?? 'en',
  user: null,
  locked: false,
  session: null,
  sessionKnown: false,
  screen: 'till',
  notices: [],
  officeOpen: false,
  devices: {},
  sync: null,

  setOffice(officeOpen) { set({ officeOpen }); },
  setDevice(d) { set({ devices: { ...get().devices, [d.id]: d } }); },
  setSync(sync) { set({ sync }); },
  async loadStatus() {
    const [d, s] = await Promise.all([call('devices.list', {}), call('sync.status', {})]);
    if (d.ok) set({ devices: Object.fromEntries(d.value.map((x) => [x.id, x])) });
    if (s.ok) set({ sync: s.value });
  },

  setLang(lang) {
    localStorage.setItem(LANG_KEY, lang);
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    set({ lang });
  },

  async loadInfo() {
    const r = await call('station.info', {});
    if (!r.ok) return;
    set({ info: r.value });
    if (!storedLang()) get().setLang(r.value.language);
  },

  async signedIn(user) {
    set({ user, locked: false, screen: 'till', sessionKnown: false });
    await get().refreshSession();
    void get().loadStatus();
  },

  async refreshSession() {
    const r = await call('session.current', {});
    if (r.ok) set({ session: r.value, sessionKnown: true });
  },

  setSession(session) { set({ session, sessionKnown: true }); },

  async lock() {
    // The token is given up while locked: nothing can be done from this screen until a PIN is given.
    await call('auth.signOut', {});
    set({ locked: true });
  },

  unlocked(user) { set({ user, locked: false }); },

  async signOut() {
    await call('auth.signOut', {});
    set({ user: null, locked: false, session: null, sessionKnown: false, screen: 'till' });
  },

  go(screen) { set({ screen, officeOpen: false }); },

  notify(kind, text, key) {
    const n: Notice = { id: ++noticeSeq, kind, at: Date.now(), ...(typeof text === 'function' ? { text: text(), word: text } : { text }), ...(key ? { key } : {}) };
    const others = key ? get().notices.filter((x) => x.key !== key) : get().notices;
    set({ notices: [...others.slice(-1), n] });
    // Information fades; warnings and errors stay until someone dismisses them.
    if (kind === 'info') setTimeout(() => get().dismiss(n.id), 8000);
  },

  dismiss(id) { set({ notices: get().notices.filter((n) => n.id !== id) }); },

  resolve(key) { if (get().notices.some((n) => n.key === key)) set({ notices: get().notices.filter((n) => n.key !== key) }); },
}));
