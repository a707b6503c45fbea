// The drawer menu: numbered items, chosen with the ten-key's digits (or arrows and Enter).
import { useTranslation } from 'react-i18next';
import type { KeyboardEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import type { TillDialog } from '../../store/tillUi';

export interface MenuItem { n: string; label: string; run(): void; dialog?: TillDialog }

export function DrawerMenu({ items, onClose, id = 'drawer-menu', title }: { items: MenuItem[]; onClose(): void; id?: string; title?: string }) {
  const { t } = useTranslation();
  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    const item = items.find((i) => i.n === e.key);
    if (item) { e.preventDefault(); item.run(); return; }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.menu-item')];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.key === 'ArrowDown' ? (i + 1) % buttons.length : (i - 1 + buttons.length) % buttons.length;
      buttons[next]?.focus();
    }
  }
  return (
    <Dialog id={id} title={title ?? t('drawer.title')} onClose={onClose}>
      <p className="hint">{t('drawer.hint')}</p>
      <div className="menu" onKeyDown={onKey}>
        {items.map((i, idx) => (
          <button key={i.n} type="button" className="menu-item" onClick={i.run} data-autofocus={idx === 0 ? '' : undefined}>
            <kbd>{i.n}</kbd> {i.label}
          </button>
        ))}
      </div>
      <div className="actions"><button type="button" className="secondary" onClick={onClose}>{t('drawer.cancel')}</button></div>
    </Dialog>
  );
}
