// An account's status, in words and colour (the words carry the meaning; colour only helps).
import { useTranslation } from 'react-i18next';
import type { AccountStatus } from '../../shared/domain';

export function StatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
