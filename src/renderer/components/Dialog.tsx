// A modal dialog on the native <dialog>: the page behind is inert, focus stays inside, Escape closes.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ id, title, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const before = document.activeElement as HTMLElement | null;
    d.showModal();
    const first = d.querySelector<HTMLElement>('[data-autofocus]') ?? d.querySelector<HTMLElement>('input, select, button');
    first?.focus();
    const onCancel = (e: Event) => { e.preventDefault(); close.current(); };
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('cancel', onCancel);
      d.close();
      // Back to where the cashier was; the focus keeper covers a vanished element.
      if (before && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog ref={ref} id={id} className={`dialog${wide ? ' wide' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}
