// A screen beyond the till (close-out, deposit, reports…): its title, a way back (Esc), its keys.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHotkeys } from '../hotkeys';
import { useApp } from '../store/app';
import { KeyBar, type KeyDef } from './KeyBar';

interface Props {
  id: string;
  title: string;
  children: ReactNode;
  keys?: KeyDef[];
  /** Esc and the Back button; by default back to the till. */
  onBack?: () => void;
  /** While a step must be finished first (e.g. a count being submitted), Back is not offered. */
  noBack?: boolean;
}

export function Page({ id, title, children, keys = [], onBack, noBack }: Props) {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  const back = onBack ?? (() => go('till'));
  const all: KeyDef[] = [...keys, ...(noBack ? [] : [{ key: 'Escape', label: t('page.back'), run: back }])];
  useHotkeys(Object.fromEntries(all.map((k) => [k.key, k.run])), true, () => useApp.getState().officeOpen || document.querySelector('dialog[open]') !== null);
  return (
    <>
      <main className={`screen page ${id}`} aria-labelledby={`${id}-title`}>
        <div className="page-head">
          <h1 id={`${id}-title`}>{title}</h1>
          {!noBack && <button type="button" className="secondary" onClick={back}>{t('page.back')} <kbd>Esc</kbd></button>}
        </div>
        {children}
      </main>
      <KeyBar keys={all} />
    </>
  );
}
