// A labelled text field with its error beside it. `digits` keeps it to the ten-key's digits.
import type { KeyboardEvent } from 'react';
import { FieldError } from './FieldError';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  onEnter?(): void;
  error?: string | undefined;
  hint?: string;
  digits?: boolean;
  secret?: boolean;
  maxLength?: number;
  autoFocus?: boolean;
  autoComplete?: string;
  disabled?: boolean;
  className?: string;
}

export function TextInput({ id, label, value, onChange, onEnter, error, hint, digits, secret, maxLength, autoFocus, autoComplete, disabled, className }: Props) {
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' && onEnter) { e.preventDefault(); onEnter(); }
  }
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ' ' + className : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={secret ? 'password' : 'text'}
        inputMode={digits ? 'numeric' : undefined}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(digits ? e.target.value.replace(/\D/g, '') : e.target.value)}
        onKeyDown={onKeyDown}
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
