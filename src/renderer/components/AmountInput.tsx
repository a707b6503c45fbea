// A money field keyed like a cash register (amountEntry.ts): the ten-key's digits, `00`, the decimal
// point, Backspace and Delete. Enter (or the ten-key's +) hands the amount on.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { amountOf, press, type AmountKeys } from '../amountEntry';
import { money } from '../format';
import { useApp } from '../store/app';
import { FieldError } from './FieldError';

interface Props {
  id: string;
  label: string;
  value: AmountKeys;
  onChange(v: AmountKeys): void;
  onEnter?(): void;
  /** Shown greyed when nothing is keyed: what Enter will take (e.g. the balance). */
  placeholderCents?: number;
  error?: string | undefined;
  hint?: string;
  big?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
}

export function AmountInput({ id, label, value, onChange, onEnter, placeholderCents, error, hint, big, autoFocus, disabled }: Props) {
  const lang = useApp((s) => s.lang);
  const ref = useRef<HTMLInputElement>(null);
  const cents = amountOf(value);
  const shown = cents === null ? '' : money(cents, lang);

  // The caret always sits at the right, where the next digit lands.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && document.activeElement === el) el.setSelectionRange(shown.length, shown.length);
  }, [shown]);

  // A scanner's burst that began in this field is taken back (scan/wedge.ts): the keys as they were.
  const change = useRef(onChange);
  change.current = onChange;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onRestore = (e: Event) => change.current({ keys: String((e as CustomEvent<string>).detail) });
    el.addEventListener('civictill:restore-keys', onRestore);
    return () => el.removeEventListener('civictill:restore-keys', onRestore);
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    if (k === 'Enter' || (k === '+' && onEnter)) {
      e.preventDefault();
      onEnter?.();
      return;
    }
    if (/^\d$/.test(k) || k === '.' || k === ',' || k === 'Backspace' || k === 'Delete') {
      e.preventDefault();
      onChange(press(value, k));
      return;
    }
    // Letters and other printable keys are not amounts; Tab, Escape and function keys pass through.
    if (k.length === 1) e.preventDefault();
  }

  function onPaste(e: React.ClipboardEvent<HTMLInputElement>) {
    e.preventDefault();
    const text = e.clipboardData.getData('text').replace(/[^\d.]/g, '');
    let next: AmountKeys = { keys: '' };
    const withDot = text.includes('.') ? text : text;
    for (const ch of withDot) next = press(next, ch);
    onChange(next);
  }

  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field amount-field${big ? ' big' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        className="amount"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={shown}
        data-keys={value.keys}
        placeholder={placeholderCents !== undefined ? money(placeholderCents, lang) : money(0, lang)}
        onKeyDown={onKeyDown}
        onChange={() => undefined}
        onPaste={onPaste}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        data-autofocus={autoFocus ? '' : undefined}
        autoFocus={autoFocus}
        disabled={disabled}
      />
      {hint && <p className="hint" id={hintId}>{hint}</p>}
      <FieldError id={errId} text={error} />
    </div>
  );
}
