// Typed errors worded for a cashier. The main side throws StationError; every transport sends ApiError.
import { errorsEn, type ErrorCode } from './i18n/errors.en';
import { errorsEs } from './i18n/errors.es';

export type { ErrorCode };
export type ErrorParams = Record<string, string | number>;

export interface ApiError {
  code: ErrorCode;
  /** English text, ready to show; the renderer re-renders it from code + params in the cashier's language. */
  message: string;
  /** The input field the error concerns (dot path, e.g. "tenders.1.amountCents"), when there is one. */
  field?: string;
  params: ErrorParams;
}

export type Language = 'en' | 'es';

export function renderError(code: ErrorCode, params: ErrorParams, lang: Language = 'en'): string {
  const template = (lang === 'es' ? errorsEs : errorsEn)[code];
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

export class StationError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly field: string | undefined;
  constructor(code: ErrorCode, params: ErrorParams = {}, field?: string) {
    super(renderError(code, params));
    this.name = 'StationError';
    this.code = code;
    this.params = params;
    this.field = field;
  }
  toApiError(): ApiError {
    return { code: this.code, message: this.message, params: this.params, ...(this.field ? { field: this.field } : {}) };
  }
}

export function isApiError(v: unknown): v is ApiError {
  return typeof v === 'object' && v !== null && typeof (v as ApiError).code === 'string' && typeof (v as ApiError).message === 'string';
}
