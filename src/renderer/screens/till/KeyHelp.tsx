// F1: every key of the till in one list.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import type { KeyDef } from '../../components/KeyBar';

export function KeyHelp({ keys, onClose }: { keys: KeyDef[]; onClose(): void }) {
  const { t } = useTranslation();
  const extra = [
    { key: 'Alt+V', label: t('keys.void') }, { key: 'Alt+R', label: t('drawer.reprint') },
    { key: 'Alt+L', label: t('keys.lock') }, { key: 'Alt+E', label: t('keys.language') },
    { key: 'Alt+A', label: t('keys.arrangement') }, { key: 'Alt+I', label: t('keys.payInstalment') },
  ];
  return (
    <Dialog id="key-help" title={t('keys.help')} onClose={onClose}>
      <table className="key-help">
        <tbody>
          {[...keys, ...extra].map((k) => <tr key={k.key}><th scope="row"><kbd>{k.key}</kbd></th><td>{k.label}</td></tr>)}
        </tbody>
      </table>
      <div className="actions"><button type="button" className="primary" data-autofocus="" onClick={onClose}>{t('drawer.ok')}</button></div>
    </Dialog>
  );
}
