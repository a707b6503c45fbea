// Close-out: the blind count (cash by denomination and roll, each check and money order ticked, card
// totals from the terminal, uncounted safe bags), then expected against counted with the over/short,
// a supervisor's approval when beyond the tolerance, and the Z report (printed by the station).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_BRANDS, type CardBrand } from '../../shared/domain';
import type { DenominationCounts } from '../../shared/denominations';
import type { CloseoutChecklist, CloseoutView, ZReport } from '../../shared/endOfDayViews';
import { AmountInput } from '../components/AmountInput';
import { CountSheet, countsTotal } from '../components/CountSheet';
import { FieldError } from '../components/FieldError';
import { OverShortAmount, OverShortTable } from '../components/OverShort';
import { Page } from '../components/Page';
import { SupervisorFields, type Approval } from '../components/SupervisorFields';
import { TextInput } from '../components/TextInput';
import { amountOf, EMPTY, keysFor, type AmountKeys } from '../amountEntry';
import { useCard } from '../store/card';
import { errorAt, errorText, unclaimed } from '../errors';
import { dateTime, money } from '../format';
import { focusId } from '../focus';
import { call } from '../transport';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { ZReportView } from './reports/ZReportView';
import { CheckImages } from './till/CheckImages';

type CardEntry = { amount: AmountKeys; count: string };

function BlindCount({ checklist, onCounted }: { checklist: CloseoutChecklist; onCounted(v: CloseoutView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const a = useAction();
  const [cash, setCash] = useState<DenominationCounts>({});
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [cards, setCards] = useState<Partial<Record<CardBrand, CardEntry>>>({});
  const [drops, setDrops] = useState<Record<string, DenominationCounts>>({});
  const [confirmMissing, setConfirmMissing] = useState(false);
  const terminalOn = useCard((s) => s.settings?.enabled === true);
  const [fromTerminal, setFromTerminal] = useState<string | null>(null);
  useEffect(() => { void useCard.getState().load(); }, []);
  /** The card totals by brand from the terminal's reconciliation, in place of typing them from its slip. */
  async function takeTerminalTotals() {
    const r = await call('card.reconcile', {});
    if (!r.ok) { setFromTerminal(errorText(r.error, lang)); return; }
    const next: Partial<Record<CardBrand, CardEntry>> = {};
    for (const b of r.value.brands) if (b.terminalCount > 0) next[b.brand as CardBrand] = { amount: keysFor(b.terminalCents), count: String(b.terminalCount) };
    setCards(next);
    setFromTerminal(t('closeout.fromTerminalDone'));
  }
  const key = (r: string, n: number) => `${r}#${n}`;
  // The count starts at the top of the cash sheet once the checklist is here.
  useEffect(() => { focusId('co-cash-bill_10000'); }, []);
  const missing = checklist.items.filter((i) => !present[key(i.receiptNumber, i.tenderNo)]);
  const uncounted = checklist.drops.filter((d) => !d.counts);

  function submit() {
    if (missing.length > 0 && !confirmMissing) { setConfirmMissing(true); return; }
    void a.run((id) => call('closeout.count', {
      id, sessionId: checklist.sessionId, cash,
      items: checklist.items.map((i) => ({ receiptNumber: i.receiptNumber, tenderNo: i.tenderNo, present: !!present[key(i.receiptNumber, i.tenderNo)] })),
      cards: CARD_BRANDS.flatMap((b) => {
        const c = cards[b];
        const cents = c ? amountOf(c.amount) : null;
        return cents !== null || (c && c.count !== '') ? [{ brand: b, amountCents: cents ?? 0, ...(c && c.count !== '' ? { count: Number(c.count) } : {}) }] : [];
      }),
      drops: Object.fromEntries(uncounted.map((d) => [d.movementId, drops[d.movementId] ?? {}])),
    }), (v) => { void useApp.getState().refreshSession(); onCounted(v); }, { cash: 'co-cash-bill_10000', items: 'co-item-0', cards: 'co-card-visa' });
  }

  const err = (...p: string[]) => { const e = errorAt(a.errors, ...p); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['cash', 'items', 'cards', 'drops']);
  return (
    <form className="closeout-count" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <p className="banner info" role="note">{t('closeout.blind')}</p>
      <div className="two-col">
        <section className="panel" aria-labelledby="co-cash-title">
          <h2 id="co-cash-title">{t('closeout.cash')}</h2>
          <CountSheet id="co-cash" counts={cash} onChange={(c) => { setCash(c); a.setErrors({}); }} errors={a.errors} path="cash" rolls
            onDone={() => focusId(checklist.items.length ? 'co-item-0' : 'co-card-visa')} caption={t('closeout.cashCounted')} />
        </section>
        <div className="col">
          <section className="panel" aria-labelledby="co-items-title">
            <h2 id="co-items-title">{t('closeout.items', { n: checklist.items.length })}</h2>
            {checklist.items.length === 0 ? <p className="muted">{t('closeout.noItems')}</p> : (
              <ul className="checklist">
                {checklist.items.map((i, n) => {
                  const k = key(i.receiptNumber, i.tenderNo);
                  return (
                    <li key={k}>
                      <input type="checkbox" id={`co-item-${n}`} checked={!!present[k]} onChange={(e) => { setPresent({ ...present, [k]: e.target.checked }); setConfirmMissing(false); }}
                        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); focusId(n + 1 < checklist.items.length ? `co-item-${n + 1}` : 'co-card-visa'); } }} />
                      <label htmlFor={`co-item-${n}`}>
                        <strong>{t(`tender.${i.kind}`)}</strong> {i.checkNumber ? `#${i.checkNumber}` : i.reference ?? ''} · <span className="mono">{i.receiptNumber}</span>
                        {i.payerName ? ` · ${i.payerName}` : ''} <span className="num item-amount">{money(i.amountCents, lang)}</span>
                      </label>
                      {i.hasImages && <CheckImages tender={{ receiptNumber: i.receiptNumber, tenderNo: i.tenderNo }} small />}
                    </li>
                  );
                })}
              </ul>
            )}
            <FieldError id="co-items-err" text={err('items')} />
          </section>
          <section className="panel" aria-labelledby="co-cards-title">
            <h2 id="co-cards-title">{t('closeout.cards')}</h2>
            <p className="hint">{t('closeout.cardsHint')}</p>
            {terminalOn && <p><button id="co-card-terminal" type="button" className="secondary" onClick={() => void takeTerminalTotals()}>{t('closeout.fromTerminal')}</button></p>}
            {fromTerminal && <p role="status" data-testid="co-card-terminal-status">{fromTerminal}</p>}
            <table className="data cards-entry">
              <thead><tr><th scope="col">{t('tender.brand')}</th><th scope="col">{t('tender.amount')}</th><th scope="col">{t('closeout.slips')}</th></tr></thead>
              <tbody>
                {CARD_BRANDS.map((b, i) => {
                  const c = cards[b] ?? { amount: EMPTY, count: '' };
                  const next = CARD_BRANDS[i + 1];
                  return (
                    <tr key={b}>
                      <th scope="row">{t(`tender.brands.${b}`)}</th>
                      <td><AmountInput id={`co-card-${b}`} label={t('closeout.cardAmount', { brand: t(`tender.brands.${b}`) })} value={c.amount}
                        onChange={(amount) => setCards({ ...cards, [b]: { ...c, amount } })} onEnter={() => focusId(`co-card-${b}-n`)} error={err(`cards.${i}`)} /></td>
                      <td><TextInput id={`co-card-${b}-n`} label={t('closeout.cardCount', { brand: t(`tender.brands.${b}`) })} value={c.count} digits maxLength={5}
                        onChange={(count) => setCards({ ...cards, [b]: { ...c, count } })} onEnter={() => focusId(next ? `co-card-${next}` : uncounted[0] ? `co-drop-0-bill_10000` : 'co-submit')} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          {uncounted.map((d, n) => (
            <section className="panel" key={d.movementId} aria-labelledby={`co-drop-${n}-title`}>
              <h2 id={`co-drop-${n}-title`}>{t('closeout.dropBag', { amount: money(d.amountCents, lang), at: dateTime(d.at, lang) })}</h2>
              <CountSheet id={`co-drop-${n}`} counts={drops[d.movementId] ?? {}} onChange={(c) => setDrops({ ...drops, [d.movementId]: c })} errors={a.errors}
                path={`drops.${d.movementId}`} onDone={() => focusId(uncounted[n + 1] ? `co-drop-${n + 1}-bill_10000` : 'co-submit')} caption={t('closeout.dropCounted')} />
            </section>
          ))}
        </div>
      </div>
      {confirmMissing && <p className="banner warn" role="alert">{t('closeout.confirmMissing', { n: missing.length })}</p>}
      <FieldError id="co-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions sticky">
        <button id="co-submit" type="submit" className="primary big" disabled={a.busy}>
          {t('closeout.submit', { amount: money(countsTotal(cash), lang) })} <kbd>F9</kbd>
        </button>
      </div>
    </form>
  );
}

function Result({ view, onView }: { view: CloseoutView; onView(v: CloseoutView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const a = useAction();
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const [z, setZ] = useState<ZReport | null>(null);
  const c = view.count;
  const closed = view.session.state === 'closed';
  useEffect(() => {
    if (!closed) return;
    void call('report.z', { sessionId: view.session.id }).then((r) => { if (r.ok) setZ(r.value); });
  }, [closed, view.session.id]);
  const approve = () => void a.run((id) => call('closeout.approve', { id, sessionId: view.session.id, reason, approval }), (v) => { void useApp.getState().refreshSession(); onView(v); },
    { reason: 'co-reason', 'approval.userId': 'co-sup-user', approval: 'co-sup-pin', pin: 'co-sup-pin' });
  const other = unclaimed(a.errors, ['reason', 'approval', 'pin']);
  return (
    <div className="closeout-result">
      <div className={`verdict ${view.balanced ? 'balanced' : c.overShortCents < 0 ? 'short' : 'over'}`} role="status">
        <p className="verdict-title">{view.balanced ? t('closeout.balanced') : c.withinTolerance ? t('closeout.withinTolerance')
          : view.closure ? t('closeout.closedApproved') : t('closeout.beyondTolerance', { tolerance: money(view.toleranceCents, lang) })}</p>
        <p className="verdict-amount" data-testid="over-short"><OverShortAmount cents={c.overShortCents} /></p>
      </div>
      <div className="two-col">
        <section className="panel">
          <OverShortTable lines={c.lines} cardLines={c.cardLines} caption={t('closeout.expectedVsCounted')} />
          {c.items.some((i) => i.status === 'missing') && (
            <p className="banner warn">{t('closeout.missingItems', { list: c.items.filter((i) => i.status === 'missing').map((i) => `${i.receiptNumber ?? ''} #${i.checkNumber ?? i.reference ?? ''}`).join(', ') })}</p>
          )}
        </section>
        <section className="panel">
          {view.needsApproval && !view.closure ? (
            <form onSubmit={(e) => { e.preventDefault(); approve(); }} aria-labelledby="co-approve-title">
              <h2 id="co-approve-title">{t('closeout.approveTitle')}</h2>
              <TextInput id="co-reason" label={t('drawer.reason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} onEnter={() => focusId('co-sup-user')}
                maxLength={500} autoFocus error={errorAt(a.errors, 'reason') ? errorText(errorAt(a.errors, 'reason')!, lang) : undefined} />
              <SupervisorFields id="co" value={approval} onChange={(v) => { setApproval(v); a.setErrors({}); }} errors={a.errors} />
              <FieldError id="co-approve-err" text={other ? errorText(other, lang) : undefined} />
              <div className="actions"><button type="submit" className="primary big" disabled={a.busy}>{t('closeout.approve')} <kbd>Enter</kbd></button></div>
            </form>
          ) : view.closure ? (
            <div>
              <h2>{t('closeout.closed')}</h2>
              <p>{t('closeout.closedBy', { who: view.closure.closedBy.name, at: dateTime(view.closure.at, lang) })}</p>
              {view.closure.approvedBy && <p>{t('closeout.approvedBy', { who: view.closure.approvedBy.name, reason: view.closure.reason ?? '' })}</p>}
              <p className="muted">{t('closeout.zPrinted')}</p>
            </div>
          ) : null}
          {z && <ZReportView report={z} />}
        </section>
      </div>
    </div>
  );
}

export function CloseOut() {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const go = useApp((s) => s.go);
  const [checklist, setChecklist] = useState<CloseoutChecklist | null>(null);
  const [view, setView] = useState<CloseoutView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      if (session && session.state === 'counted') {
        const r = await call('closeout.get', { sessionId: session.id });
        if (live) { if (r.ok) setView(r.value); else setError(errorText(r.error, useApp.getState().lang)); }
        return;
      }
      const r = await call('closeout.start', {});
      if (!live) return;
      if (r.ok) setChecklist(r.value); else setError(errorText(r.error, useApp.getState().lang));
    })();
    return () => { live = false; };
  // Once, on entering the screen: a later session refresh must not restart it.
  }, []);

  const done = () => { void useApp.getState().refreshSession(); go('till'); };
  const counting = !!checklist && !view;
  return (
    <Page id="closeout" title={t('closeout.title')} noBack={!!view && !view.closure} onBack={done}
      keys={counting ? [{ key: 'F9', label: t('closeout.submitKey'), run: () => document.getElementById('co-submit')?.click() }] : view?.closure ? [{ key: 'F9', label: t('closeout.done'), run: done }] : []}>
      {error && <p className="error-box" role="alert">{error}</p>}
      {view ? <Result view={view} onView={setView} /> : checklist ? <BlindCount checklist={checklist} onCounted={setView} /> : !error && <p>{t('app.loading')}</p>}
      {view?.closure && <div className="actions"><button type="button" className="primary big" data-autofocus="" onClick={done}>{t('closeout.done')} <kbd>F9</kbd></button></div>}
    </Page>
  );
}
