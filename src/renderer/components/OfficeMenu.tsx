// Alt+O: the screens beyond the till, numbered for the ten-key, offered by role.
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../shared/domain';
import { useApp, type Screen } from '../store/app';
import { DrawerMenu, type MenuItem } from '../screens/till/DrawerMenu';

export function OfficeMenu() {
  const { t } = useTranslation();
  const user = useApp((s) => s.user);
  const session = useApp((s) => s.session);
  const go = useApp((s) => s.go);
  const setOffice = useApp((s) => s.setOffice);
  if (!user) return null;
  const sup = roleAtLeast(user.role, 'supervisor');
  const mine = session && session.cashierId === user.id && session.state !== 'closed';
  const entries: [string, Screen, string, boolean][] = [
    ['1', 'till', t('office.till'), true],
    ['2', 'closeout', t('office.closeout'), !!mine || sup],
    ['3', 'deposit', t('office.deposit'), sup],
    ['4', 'returned', t('office.returned'), sup],
    ['5', 'reports', t('office.reports'), sup],
    ['6', 'devices', t('office.devices'), true],
    ['7', 'sync', t('office.sync'), true],
    ['8', 'admin', t('office.admin'), sup],
    ['9', 'batches', t('office.batches'), true],
  ];
  const items: MenuItem[] = entries.filter((e) => e[3]).map(([n, screen, label]) => ({ n, label, run: () => go(screen) }));
  return <DrawerMenu id="office-menu" title={t('office.title')} items={items} onClose={() => setOffice(false)} />;
}
