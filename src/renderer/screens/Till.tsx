// The till: account lookup and lines on the left, totals, tenders and Complete on the right, the
// change of the last receipt until the next customer, and a function key for every action.
import { useCallback, useEffect, useState } from 'react';
import { roleAtLeast } from '../../shared/domain';
import { useTranslation } from 'react-i18next';
import { focusId, primaryField } from '../focus';
import { useHotkeys } from '../hotkeys';
import { money } from '../format';
import { useApp } from '../store/app';
import { useCatalog } from '../store/catalog';
import { useSale } from '../store/sale';
import { useTillUi } from '../store/tillUi';
import { AccountLookup, arrangeRef, LOOKUP_ID, PAY_ID, payRef } from './till/AccountLookup';
import { ArrangementDialog } from './till/ArrangementDialog';
import { CancelArrangementDialog, instalmentRef } from './till/ArrangementPanel';
import { call } from '../transport';
import { ChangeDue } from './till/ChangeDue';
import { DrawerMenu, type MenuItem } from './till/DrawerMenu';
import { FeeDialog } from './till/FeeDialog';
import { DropDialog, NoSaleDialog, PaidInDialog, PaidOutDialog, ReprintDialog, VoidDialog } from './till/MovementDialogs';
import { ReceiptLines } from './till/ReceiptLines';
import { ScannedCheck } from './till/CheckImages';
import { COMPLETE_ID, firstField, KIND_KEYS, TenderPanel } from './till/TenderPanel';
import { KeyBar, type KeyDef } from '../components/KeyBar';
import { KeyHelp } from './till/KeyHelp';
import { LatePenaltyDialog, ReceiptFoundDialog, SlipList, SlipPrompt, StubDuplicateDialog } from './till/ScanDialogs';
import { installWedge } from '../scan/wedge';
import { classifyBurst, cutShort, handleScan, noise } from '../scan/onScan';
import { useScan } from '../store/scan';
import { useCard } from '../store/card';
import { CardUnresolved, CardWaiting } from './till/CardCharge';

/** A tender the station refused comes back into the form, with the error next to its field. */
function useTenderErrors(): void {
  const errors = useSale((s) => s.errors);
  useEffect(() => {
    for (const [field, error] of Object.entries(errors)) {
      const m = /^tenders\.(\d+)(?:\.([\w.]+))?$/.exec(field);
      if (!m) continue;
      const sale = useSale.getState();
      const entry = sale.tenders[Number(m[1])];
      if (!entry) continue;
      sale.takeTender(entry.key);
      sale.clearErrors();
      useTillUi.getState().editTender(entry.tender, m[2] ?? '', error);
      const target = { routing: 'tender-routing', account: 'tender-account', checkNumber: 'tender-check', last4: 'tender-last4', authCode: 'tender-auth', reference: 'tender-reference',
        scanId: 'image-rescan', 'imageOverride.userId': 'io-sup-user', 'imageOverride.pin': 'io-sup-pin' }[m[2] ?? ''] ?? 'tender-amount';
      focusId(target);
      return;
    }
  }, [errors]);
}

export function Till() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const session = useApp((s) => s.session);
  const lock = useApp((s) => s.lock);
  const go = useApp((s) => s.go);
  const user = useApp((s) => s.user)!;
  const signOut = useApp((s) => s.signOut);
  const loadCodes = useCatalog((s) => s.load);
  const lines = useSale((s) => s.lines);
  const last = useSale((s) => s.last);
  const account = useSale((s) => s.account);
  const complete = useSale((s) => s.complete);
  const nextCustomer = useSale((s) => s.nextCustomer);
  // Only what the screen itself needs: a keystroke in a tender field must not re-render the whole till.
  const dialog = useTillUi((s) => s.dialog);
  const open = useTillUi((s) => s.open);
  const close = useTillUi((s) => s.close);
  const setKind = useTillUi((s) => s.setKind);
  const arrangementFor = useTillUi((s) => s.arrangementFor);
  const cancelling = useTillUi((s) => s.cancelling);
  useTenderErrors();

  /** Alt+A: the chosen account's arrangement, or the one waiting for its down payment on this receipt. */
  async function arrangement() {
    if (useSale.getState().account) { arrangeRef.current(); return; }
    const pending = useSale.getState().arrangement;
    if (!pending) return;
    const a = await call('accounts.get', { accountNumber: pending.accountNumber });
    if (a.ok) useTillUi.getState().openArrangement(a.value);
  }

  useEffect(() => { void loadCodes(); }, [loadCodes]);
  useEffect(() => { void useCard.getState().load(); }, []);
  // The keyboard-wedge scanner, wherever the focus is on the till (its timing from the station's settings).
  const wedge = useScan((s) => s.settings?.wedge);
  useEffect(() => { void useScan.getState().load(); }, []);
  useEffect(() => {
    if (!wedge?.enabled) return;
    return installWedge({ suffix: wedge.suffix, maxGapMs: wedge.maxGapMs, minLength: wedge.minLength, holdMs: Math.min(15, wedge.maxGapMs) },
      { classify: (text) => classifyBurst(text, useScan.getState().settings?.formats ?? []), onScan: (text) => void handleScan(text), onCutShort: cutShort, onNoise: noise });
  }, [wedge]);
  const [voidNumber, setVoidNumber] = useState<string | undefined>(undefined);
  const toTender = useCallback(() => focusId('tender-amount'), []);

  async function doComplete() {
    const r = await complete();
    if (r) focusId(LOOKUP_ID);
  }

  const tenderKey = (k: (typeof KIND_KEYS)[number]) => () => {
    setKind(k.kind);
    const card = useCard.getState();
    if (k.kind === 'card') card.setKeyed(false);
    focusId(firstField(k.kind, k.kind === 'check' && useTillUi.getState().form.routing !== '', card.settings?.enabled === true));
  };
  const keys: KeyDef[] = [
    { key: 'F1', label: t('keys.help'), run: () => open('help') },
    { key: 'F2', label: t('keys.lookup'), run: () => focusId(account ? PAY_ID : LOOKUP_ID) },
    { key: 'F3', label: t('keys.fee'), run: () => open('fee') },
    { key: 'F4', label: t('keys.payBalance'), run: () => payRef.current() },
    { key: 'F5', label: t('keys.cash'), run: tenderKey(KIND_KEYS[0]!) },
    { key: 'F6', label: t('keys.check'), run: tenderKey(KIND_KEYS[1]!) },
    { key: 'F7', label: t('keys.moneyOrder'), run: tenderKey(KIND_KEYS[2]!) },
    { key: 'F8', label: t('keys.card'), run: tenderKey(KIND_KEYS[3]!) },
    { key: 'F9', label: t('keys.complete'), run: () => void doComplete() },
    { key: 'F10', label: t('keys.drawer'), run: () => open('drawer') },
  ];
  const hot = Object.fromEntries(keys.map((k) => [k.key, k.run]));
  useHotkeys({
    ...hot,
    'Alt+V': () => open('void'),
    'Alt+R': () => open('reprint'),
    'Alt+A': () => void arrangement(),
    'Alt+I': () => instalmentRef.current(),
    Escape: () => {
      if (account) { useSale.getState().selectAccount(null); focusId(LOOKUP_ID); }
      else if (last && lines.length === 0) { nextCustomer(); focusId(LOOKUP_ID); }
    },
  }, true, () => useTillUi.getState().dialog !== null || useApp.getState().officeOpen);

  const menu: MenuItem[] = [
    { n: '1', label: t('drawer.paidIn'), run: () => open('paidIn') },
    { n: '2', label: t('drawer.paidOut'), run: () => open('paidOut') },
    { n: '3', label: t('drawer.drop'), run: () => open('drop') },
    { n: '4', label: t('drawer.noSale'), run: () => open('noSale') },
    { n: '5', label: t('drawer.reprint'), run: () => open('reprint') },
    { n: '6', label: t('drawer.void'), run: () => open('void') },
    ...(roleAtLeast(user.role, 'supervisor') ? [{ n: '7', label: t('drawer.xReport'), run: () => { close(); go('reports'); } }] : []),
    { n: '0', label: t('drawer.closeOut'), run: () => { close(); go('closeout'); } },
    { n: '8', label: t('drawer.lock'), run: () => { close(); void lock(); } },
    { n: '9', label: t('drawer.signOut'), run: () => { close(); void signOut(); } },
  ];

  const closeDialog = () => { close(); requestAnimationFrame(() => primaryField()?.focus()); };
  return (
    <>
      <main className="screen till">
        <div className="col left">
          <CardUnresolved />
          {session?.dropSuggested && <p className="banner warn" role="status">{t('till.dropSuggested', { amount: money(session.dropSuggestedCents, lang) })}</p>}
          <AccountLookup onLineAdded={toTender} />
          <ReceiptLines />
          <ScannedCheck />
        </div>
        <div className="col right">
          {last && lines.length === 0 ? <><ChangeDue receipt={last} /><SlipList receiptNumber={last.receiptNumber} /></> : <TenderPanel onComplete={() => void doComplete()} />}
        </div>
      </main>
      <KeyBar keys={keys} />
      {dialog === 'help' && <KeyHelp keys={keys} onClose={closeDialog} />}
      {dialog === 'fee' && <FeeDialog onClose={closeDialog} onAdded={() => { close(); focusId('tender-amount'); }} />}
      {dialog === 'drawer' && <DrawerMenu items={menu} onClose={closeDialog} />}
      {dialog === 'paidIn' && <PaidInDialog onClose={closeDialog} />}
      {dialog === 'paidOut' && <PaidOutDialog onClose={closeDialog} />}
      {dialog === 'drop' && <DropDialog onClose={closeDialog} />}
      {dialog === 'noSale' && <NoSaleDialog onClose={closeDialog} />}
      {dialog === 'reprint' && <ReprintDialog onClose={closeDialog} />}
      {dialog === 'void' && <VoidDialog number={voidNumber} onClose={() => { setVoidNumber(undefined); closeDialog(); }} />}
      {dialog === 'arrangement' && arrangementFor && <ArrangementDialog account={arrangementFor} onClose={closeDialog} onStarted={() => { close(); focusId('tender-amount'); }} />}
      {dialog === 'cancelArrangement' && cancelling && <CancelArrangementDialog arrangement={cancelling} onClose={closeDialog} />}
      {dialog === 'stubDuplicate' && <StubDuplicateDialog onClose={closeDialog} />}
      {dialog === 'latePenalty' && <LatePenaltyDialog onClose={close} />}
      {dialog === 'receiptFound' && <ReceiptFoundDialog onClose={() => { useScan.getState().set({ receipt: null }); closeDialog(); }} onVoid={(n) => { setVoidNumber(n); useScan.getState().set({ receipt: null }); open('void'); }} />}
      <SlipPrompt />
      <CardWaiting />
    </>
  );
}

export { COMPLETE_ID };
