// i18next with the till's words (ui) in English and Spanish; switchable at any time.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui';
    resources: { ui: typeof en };
  }
}

void i18n.use(initReactI18next).init({
  resources: { en: { ui: en }, es: { ui: es } },
  lng: localStorage.getItem('civictill.lang') === 'es' ? 'es' : 'en',
  fallbackLng: 'en',
  defaultNS: 'ui',
  ns: ['ui'],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
