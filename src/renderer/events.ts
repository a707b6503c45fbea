// Station events (print queue, devices, sync, postings) shown as they happen, through `on`.
import i18n from './i18n';
import { on } from './transport';
import { useApp } from './store/app';

type Handler = (payload: Record<string, unknown>) => void;

/** Event kind → what the till does with it. Other issues' events are added here as they land. */
const HANDLERS: Record<string, Handler> = {
  'session.opened': () => { void useApp.getState().refreshSession(); },
  'drawer.drop': () => { void useApp.getState().refreshSession(); },
};

export function subscribeEvents(): () => void {
  const stops = Object.entries(HANDLERS).map(([kind, fn]) => on(kind, (p) => fn((p ?? {}) as Record<string, unknown>)));
  return () => { for (const s of stops) s(); };
}

export const t = i18n.t.bind(i18n);
