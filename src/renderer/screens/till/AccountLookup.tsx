// Account lookup as you type (number, name or address), results with their status; then the amount
// to pay: Enter with nothing keyed pays the balance, or key any amount.
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/views';
import { AmountInput } from '../../components/AmountInput';
import { StatusBadge } from '../../components/StatusBadge';
import { amountOf, EMPTY, keysFor, type AmountKeys } from '../../amountEntry';
import { money } from '../../format';
import { focusId } from '../../focus';
import { call } from '../../transport';
import { useApp } from '../../store/app';
import { codeName, useCatalog, utilityCode } from '../../store/catalog';
import { useSale } from '../../store/sale';
import { useTillUi } from '../../store/tillUi';
import { ArrangementPanel } from './ArrangementPanel';

export const LOOKUP_ID = 'lookup';

/**
 * The account's status; on a running arrangement, "On arrangement" in place of the delinquency or
 * shut-off warning (the arrangement holds the shut-off while it is kept).
 */
export function AccountStanding({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const on = account.arrangement !== null;
  const held = on && (account.status === 'delinquent' || account.status === 'shutoff_pending');
  return <>{on && <span className="badge on-arrangement">{t('arrangement.on')}</span>}{!held && <StatusBadge status={account.status} />}</>;
}

/**
 * Whether to offer setting up an arrangement (the station checks the rest, and refuses a second running
 * one on the field, with the number of the one running).
 */
const mayArrange = (a: AccountView) => a.status !== 'closed' && a.status !== 'final' && a.balanceCents > 0;
export const PAY_ID = 'pay-amount';

export const AccountLookup = memo(function AccountLookup({ onLineAdded }: { onLineAdded(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const account = useSale((s) => s.account);
  const selectAccount = useSale((s) => s.selectAccount);
  const addLine = useSale((s) => s.addLine);
  const codes = useCatalog((s) => s.codes);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AccountView[]>([]);
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(0);
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [instalmentKeyed, setInstalmentKeyed] = useState(false);
  const seq = useRef(0);
  // The down payment of an arrangement went on the receipt: the search is done with, as after a payment line.
  const pendingFor = useSale((s) => s.arrangement?.accountNumber ?? null);
  useEffect(() => { if (pendingFor) changeQuery(''); }, [pendingFor]);

  // Type-ahead: every keystroke asks, from the key's own handler (an effect would wait for React to get
  // to it, a frame later at times); only the answer to the latest question is shown.
  function changeQuery(value: string) {
    setQuery(value);
    const q = value.trim();
    const mine = ++seq.current;
    if (!q) { setResults([]); setSearched(''); return; }
    void call('accounts.search', { query: q, limit: 8 }).then((r) => {
      if (mine !== seq.current) return;
      // Rendered now, in the task that has the answer, rather than in a task React schedules after it:
      // the results make the next frame.
      flushSync(() => {
        setResults(r.ok ? r.value : []);
        setSearched(q);
        setActive(0);
      });
    });
  }

  function choose(a: AccountView | undefined) {
    if (!a) return;
    selectAccount(a);
    setAmount(EMPTY);
    setInstalmentKeyed(false);
    focusId(PAY_ID);
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((i) => Math.min(i + 1, results.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((i) => Math.max(i - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(results[active]); }
    else if (e.key === 'Escape' && query) { e.preventDefault(); e.stopPropagation(); changeQuery(''); }
  }

  /** Adds the payment line: the amount keyed, or the balance when nothing is keyed. */
  function pay(balance = false) {
    if (!account) return;
    const code = utilityCode(codes);
    if (!code) return;
    const keyed = balance ? null : amountOf(amount);
    const cents = keyed ?? (account.balanceCents > 0 ? account.balanceCents : null);
    if (!cents) return;
    addLine({ revenueCode: code.code, nameEn: code.nameEn, nameEs: code.nameEs, accountNumber: account.accountNumber, accountName: account.name, amountCents: cents });
    changeQuery('');
    setAmount(EMPTY);
    setInstalmentKeyed(false);
    onLineAdded();
  }
  payRef.current = () => pay(true);
  arrangeRef.current = () => { if (account && mayArrange(account)) useTillUi.getState().openArrangement(account); };

  function back() {
    selectAccount(null);
    focusId(LOOKUP_ID);
  }

  if (account) {
    const code = utilityCode(codes);
    const credit = account.balanceCents <= 0;
    return (
      <section className="panel account-card" aria-labelledby="acct-title">
        <div className="account-head">
          <h2 id="acct-title">{account.name}</h2>
          <AccountStanding account={account} />
          {account.cashOnlyUntil && <span className="badge cash-only">{t('till.cashOnly', { until: account.cashOnlyUntil })}</span>}
        </div>
        <p className="account-meta"><span className="mono">{account.accountNumber}</span> · {account.serviceAddress}</p>
        <p className="balance">
          <span className="label">{account.balanceCents < 0 ? t('till.credit') : t('till.balance')}</span>
          <span className="amount">{money(Math.abs(account.balanceCents), lang)}</span>
        </p>
        <AmountInput id={PAY_ID} label={`${t('till.payAmount')}${code ? ' — ' + codeName(code, lang) : ''}`} value={amount} onChange={(v) => { setAmount(v); setInstalmentKeyed(false); }} onEnter={() => pay()}
          placeholderCents={credit ? undefined : account.balanceCents} big autoFocus
          hint={instalmentKeyed ? t('arrangement.payInstalmentHint') : credit ? t('till.payHintCredit') : t('till.payHint', { amount: money(account.balanceCents, lang) })} />
        <div className="actions">
          {!credit && <button type="button" className="primary" onClick={() => pay(true)}>{t('keys.payBalance')} <kbd>F4</kbd></button>}
          {mayArrange(account) && <button type="button" id="set-up-arrangement" className="secondary" onClick={() => arrangeRef.current()}>{t('arrangement.setUp')} <kbd>Alt+A</kbd></button>}
          <button type="button" className="secondary" onClick={back}>{t('drawer.cancel')}</button>
        </div>
        <ArrangementPanel account={account} onPayInstalment={(cents) => { setAmount(keysFor(cents)); setInstalmentKeyed(true); focusId(PAY_ID); }} />
      </section>
    );
  }

  const listId = 'lookup-results';
  const expanded = results.length > 0;
  return (
    <section className="panel lookup" aria-labelledby="lookup-label" data-query={searched}>
      <div className="field">
        <label id="lookup-label" htmlFor={LOOKUP_ID}>{t('till.lookup')} <kbd>F2</kbd></label>
        <input id={LOOKUP_ID} className="search" role="combobox" aria-expanded={expanded} aria-controls={expanded ? listId : undefined} aria-autocomplete="list"
          aria-activedescendant={expanded ? `acct-opt-${active}` : undefined} aria-describedby="lookup-hint"
          autoComplete="off" spellCheck={false} value={query} onChange={(e) => changeQuery(e.target.value)} onKeyDown={onKey} data-autofocus="" />
        <p className="hint" id="lookup-hint">{t('till.lookupHint')}</p>
      </div>
      {expanded && <ul id={listId} role="listbox" className="results" aria-label={t('till.results')}>
        {results.map((a, i) => (
          <li key={a.accountNumber} id={`acct-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
            onMouseDown={(e) => { e.preventDefault(); choose(a); }}>
            <span className="mono num-col">{a.accountNumber}</span>
            <span className="name-col"><strong>{a.name}</strong><br /><span className="muted">{a.serviceAddress}</span></span>
            <span className="status-col"><AccountStanding account={a} />{a.cashOnlyUntil && <span className="badge cash-only">{t('till.cashOnly', { until: a.cashOnlyUntil })}</span>}
              {a.arrangement?.next && <><br /><span className="muted">{t('arrangement.nextShort', { amount: money(a.arrangement.next.dueCents, lang), date: a.arrangement.next.dueDate })}</span></>}</span>
            <span className="bal-col num">{money(a.balanceCents, lang)}</span>
          </li>
        ))}
      </ul>}
      {searched && results.length === 0 && <p className="muted" role="status">{t('till.noResults', { q: searched })}</p>}
    </section>
  );
});

/** F4 from anywhere on the till: pay the chosen account's balance. */
export const payRef: { current: () => void } = { current: () => undefined };

/** Alt+A: set up an arrangement for the chosen account. */
export const arrangeRef: { current: () => void } = { current: () => undefined };
