// The function keys of the screen along the bottom, each also a button.
import { useTranslation } from 'react-i18next';

export interface KeyDef { key: string; label: string; run(): void }

export function KeyBar({ keys }: { keys: KeyDef[] }) {
  const { t } = useTranslation();
  return (
    <nav className="keybar" aria-label={t('keys.help')}>
      {keys.map((k) => (
        <button key={k.key} type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={k.run}>
          <kbd>{k.key}</kbd><span>{k.label}</span>
        </button>
      ))}
    </nav>
  );
}
