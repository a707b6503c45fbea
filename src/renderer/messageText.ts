// A message the station sent as a code (src/shared/messages.ts), worded in the cashier's language.
// Unknown or missing codes (an older station) fall back to the English text the station sent with it.
import { isMessageCode, type StationMessage } from '../shared/messages';
import { money } from './format';
import i18n from './i18n';

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** The sentence for a message; `fallback` (the station's English text) when there is no usable code. */
export function messageText(m: StationMessage | null | undefined, fallback: string, t: Translate = i18n.t as unknown as Translate): string {
  if (!m || !isMessageCode(m.code)) return fallback;
  // Amounts in cents are worded as money in the language now set.
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, k.endsWith('Cents') && typeof v === 'number' ? money(v, lang) : v]));
  const text = String(t(`msg.${m.code}`, params));
  // The device manager's retry wait is a parameter of any message: said after it.
  return typeof m.params.retryS === 'number' ? `${text} ${String(t('msg.device.retrying', { retryS: m.params.retryS }))}` : text;
}
