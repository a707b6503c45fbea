// Errors from the main side arrive as {code, params, field}; the renderer words them in the cashier's
// language from the shared catalogues, and files them by field so each shows next to its input.
import { renderError, type ApiError, type Language } from '../shared/errors';
import type { StationMessage } from '../shared/messages';
import { errorsEn } from '../shared/i18n/errors.en';
import { DETAILS_ES, PARAM_WORDS } from './i18n/details.es';
import i18n from './i18n';
import { messageText } from './messageText';
import { isNoAnswer } from './transport';

/** A detail the station also sent as a message code (params.detailMessage, JSON), worded in the language now set. */
function detailFromMessage(params: ApiError['params']): string | undefined {
  if (typeof params.detailMessage !== 'string') return undefined;
  try { return messageText(JSON.parse(params.detailMessage) as StationMessage, String(params.detail ?? '')); } catch { return undefined; }
}

export type FieldErrors = Record<string, ApiError>;

/** The error worded for the cashier: the code's template in their language, with its parameters. */
export function errorText(error: ApiError, lang: Language): string {
  // The request may or may not have arrived: not "nothing was saved" — the retry is safe instead.
  if (isNoAnswer(error)) return i18n.getFixedT(lang)('app.noAnswer');
  if (!Object.prototype.hasOwnProperty.call(errorsEn, error.code)) return error.message;
  const params = { ...error.params };
  // Validation details come from the contract's schemas in English; Spanish has its own wording.
  const worded = detailFromMessage(params);
  if (worded !== undefined) params.detail = worded;
  else if (lang === 'es' && typeof params.detail === 'string') params.detail = DETAILS_ES[params.detail] ?? params.detail;
  // Parameters that are words (a tender kind, a fee input's name) are worded for the language too.
  for (const [k, v] of Object.entries(params)) {
    if (k !== 'detail' && typeof v === 'string' && PARAM_WORDS[lang][v]) params[k] = PARAM_WORDS[lang][v]!;
  }
  return renderError(error.code, params, lang);
}

/** Files an error under its field path ('' when it concerns the whole form). */
export function byField(error: ApiError): FieldErrors {
  return { [error.field ?? '']: error };
}

/** The first error filed under any of the given paths or below them. */
export function errorAt(errors: FieldErrors, ...paths: string[]): ApiError | undefined {
  for (const p of paths) {
    if (errors[p]) return errors[p];
    for (const [k, v] of Object.entries(errors)) if (p !== '' && k.startsWith(p + '.')) return v;
  }
  return undefined;
}

/** Errors no field on the form claims: shown by the form's action. */
export function unclaimed(errors: FieldErrors, claimed: string[]): ApiError | undefined {
  for (const [k, v] of Object.entries(errors)) {
    if (!claimed.some((c) => k === c || (c !== '' && k.startsWith(c + '.')))) return v;
  }
  return undefined;
}
