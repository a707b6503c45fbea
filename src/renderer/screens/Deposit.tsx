// The bank deposit: choose the closed sessions, keep the float back by denomination, see the slip
// (currency, coin, each check, total), create it, give the bag/seal number (the slip prints), and
// later enter the amount the bank confirmed — a difference is shown, never hidden.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import type { DenominationCounts } from '../../shared/denominations';
import type { CountSheet as Sheet, DepositView, SessionListItem } from '../../shared/endOfDayViews';
import { AmountInput } from '../components/AmountInput';
import { CountSheet } from '../components/CountSheet';
import { FieldError } from '../components/FieldError';
import { OverShortAmount } from '../components/OverShort';
import { Page } from '../components/Page';
import { TextInput } from '../components/TextInput';
import { amountOf, EMPTY, type AmountKeys } from '../amountEntry';
import { errorAt, errorText, unclaimed } from '../errors';
import { count, day, money } from '../format';
import { focusId } from '../focus';
import { call } from '../transport';
import { base64Bytes, download } from '../download';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { DraftEdit } from './deposit/DraftEdit';
import { ShredList } from './deposit/ShredList';

function SheetTable({ sheet, caption }: { sheet: Sheet; caption: string }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  return (
    <table className="data">
      <caption>{caption}</caption>
      <tbody>
        {sheet.lines.map((l) => <tr key={l.key}><th scope="row">{t(`denom.${l.key}` as 'denom.bill_100')}</th><td className="num">{count(l.count, lang)}</td><td className="num">{money(l.amountCents, lang)}</td></tr>)}
      </tbody>
      <tfoot>
        <tr><th scope="row">{t('deposit.currency')}</th><td /><td className="num">{money(sheet.currencyCents, lang)}</td></tr>
        <tr><th scope="row">{t('deposit.coin')}</th><td /><td className="num">{money(sheet.coinCents, lang)}</td></tr>
        <tr className="total"><th scope="row">{t('reports.total')}</th><td /><td className="num">{money(sheet.totalCents, lang)}</td></tr>
      </tfoot>
    </table>
  );
}

/** The float's difference from the target, in words: "$0.13 short". */
function floatDifference(cents: number, lang: 'en' | 'es'): string {
  return i18n.t(cents < 0 ? 'deposit.floatShort' : 'deposit.floatOver', { amount: money(Math.abs(cents), lang), lng: lang });
}

/** The slip as it goes in the bag. */
export function DepositSlip({ d }: { d: DepositView }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const items = [...d.checks.items, ...d.moneyOrders.items];
  // Once some checks go as images, each check says how it goes: the paper ones are the ones in the bag.
  const imaged = d.checks.items.some((i) => i.sentAs === 'image');
  return (
    <section className="slip" aria-labelledby="slip-title">
      <h2 id="slip-title">{t('deposit.slip')}{d.state !== 'proposal' ? ` — ${t(`deposit.state.${d.state}`)}` : ''}</h2>
      <dl className="slip-head">
        <div><dt>{t('deposit.bank')}</dt><dd>{d.bank.name} · {d.bank.routing} · {d.bank.account}</dd></div>
        <div><dt>{t('deposit.days')}</dt><dd>{d.businessDays.map((x) => day(x, lang)).join(', ')}</dd></div>
        <div><dt>{t('deposit.sessions')}</dt><dd>{d.sessions.map((s) => `${s.cashier.name} (${s.stationId})`).join(', ')}</dd></div>
        {d.bagNumber && <div><dt>{t('deposit.bag')}</dt><dd className="mono">{d.bagNumber}</dd></div>}
        {d.preparedBy && <div><dt>{t('deposit.preparedBy')}</dt><dd>{d.preparedBy.name}</dd></div>}
      </dl>
      <div className="two-col">
        <SheetTable sheet={d.cash.deposited} caption={t('deposit.cashDeposited')} />
        <table className="data">
          <caption>{t('deposit.checks', { n: d.checks.count + d.moneyOrders.count })}</caption>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.kind}-${i.itemNo}`}><th scope="row">{t(`tender.${i.kind}`)} {i.checkNumber ? `#${i.checkNumber}` : i.reference ?? ''}{i.sentAs === 'image' ? <span className="tag" data-testid="sent-as-image"> {t('deposit.sentAsImage')}</span> : null}
                {i.sentAs === 'paper' && imaged ? <span className="tag" data-testid="sent-as-paper"> {t('deposit.sentAsPaper')}</span> : null}</th>
                <td className="mono small">{i.routing ?? ''}</td><td className="num">{money(i.amountCents, lang)}</td></tr>
            ))}
          </tbody>
          <tfoot><tr className="total"><th scope="row" colSpan={2}>{t('reports.total')}</th><td className="num">{money(d.checks.totalCents + d.moneyOrders.totalCents, lang)}</td></tr></tfoot>
        </table>
      </div>
      <p className="slip-total">{t('deposit.total')} <strong data-testid="deposit-total">{money(d.totalCents, lang)}</strong></p>
      <p className="muted">{t('deposit.notDeposited', { cards: money(d.notDeposited.cardsCents, lang), other: money(d.notDeposited.otherCents, lang) })}</p>
      {d.float && d.float.differenceCents !== 0 && d.float.acceptedBy && (
        <p className="muted" data-testid="float-accepted">{t('deposit.floatAccepted', { kept: money(d.float.keptCents, lang), difference: floatDifference(d.float.differenceCents, lang), name: d.float.acceptedBy.name })}</p>
      )}
      {d.replaces && <p className="muted" data-testid="deposit-replaces">{t('deposit.replaces')}</p>}
      {d.discarded && (
        <p className="banner warn" role="status" data-testid="deposit-discarded">
          {t('deposit.discarded', { name: d.discarded.by.name, reason: d.discarded.reason })}{d.discarded.replacedBy ? ` ${t('deposit.replacedBy')}` : ''}
        </p>
      )}
      {d.differenceCents !== null && <p>{t('deposit.bankConfirmed', { amount: money(d.bankConfirmedCents ?? 0, lang) })} <OverShortAmount cents={d.differenceCents} /></p>}
    </section>
  );
}

export function Deposit() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [sessions, setSessions] = useState<SessionListItem[]>([]);
  /** The list is the station's answer: until it comes, no drawer is shown (one already deposited could be chosen). */
  const [listed, setListed] = useState(false);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [open, setOpen] = useState<DepositView[]>([]);
  const [d, setD] = useState<DepositView | null>(null);
  const [floatKept, setFloatKept] = useState<DenominationCounts | null>(null);
  /** The float difference the supervisor accepted (only this one: a new proposal asks again). */
  const [acceptedDiff, setAcceptedDiff] = useState<number | null>(null);
  const [bag, setBag] = useState('');
  const [bank, setBank] = useState<AmountKeys>(EMPTY);
  const [note, setNote] = useState('');
  const a = useAction();
  const [icl, setIcl] = useState('');

  async function load() {
    const [s, l] = await Promise.all([call('closeout.list', { state: 'closed', undeposited: true }), call('deposit.list', {})]);
    if (s.ok) { setSessions(s.value); setChosen(Object.fromEntries(s.value.map((x) => [x.session.id, true]))); setListed(true); }
    if (l.ok) setOpen(l.value.filter((x) => x.state !== 'verified' && x.state !== 'discarded'));
    if (s.ok && s.value.length) focusId('dep-session-0');
  }
  useEffect(() => { void load(); }, []);

  const ids = sessions.filter((s) => chosen[s.session.id]).map((s) => s.session.id);
  const propose = (fk = floatKept) => void a.run(() => call('deposit.propose', { sessionIds: ids, ...(fk ? { floatKept: fk } : {}) }), (v) => {
    setD(v); setFloatKept(v.cash.floatKept.counts); setAcceptedDiff(null);
  }, { sessionIds: 'dep-session-0' });
  const diff = d?.float?.differenceCents ?? 0;
  const create = () => void a.run((id) => call('deposit.create', { id, sessionIds: ids, ...(floatKept ? { floatKept } : {}), ...(diff !== 0 && acceptedDiff === diff ? { acceptFloatDifferenceCents: diff } : {}) }),
    (v) => { setD(v); focusId('dep-bag'); }, { acceptFloatDifferenceCents: 'dep-float-accept' });
  const prepare = () => d?.id && void a.run(() => call('deposit.prepare', { depositId: d.id!, bagNumber: bag }), (v) => { setD(v); focusId('dep-bank'); }, { bagNumber: 'dep-bag' });
  const verify = () => d?.id && void a.run(() => call('deposit.verify', { depositId: d.id!, bankConfirmedCents: amountOf(bank) ?? 0, ...(note.trim() ? { note: note.trim() } : {}) }), (v) => setD(v), { bankConfirmedCents: 'dep-bank' });

  const err = (...p: string[]) => { const e = errorAt(a.errors, ...p); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['sessionIds', 'floatKept', 'bagNumber', 'bankConfirmedCents', 'acceptFloatDifferenceCents']);
  return (
    <Page id="deposit" title={t('deposit.title')} keys={d?.state === 'proposal' ? [{ key: 'F9', label: t('deposit.create'), run: create }] : []}>
      {!d && (
        <div className="two-col">
          <section className="panel" aria-labelledby="dep-sessions-title">
            <h2 id="dep-sessions-title">{t('deposit.choose')}</h2>
            {!listed ? null : sessions.length === 0 ? <p className="muted">{t('deposit.none')}</p> : (
              <ul className="checklist">
                {sessions.map((s, i) => (
                  <li key={s.session.id}>
                    <input type="checkbox" id={`dep-session-${i}`} checked={!!chosen[s.session.id]} data-autofocus={i === 0 ? '' : undefined}
                      onChange={(e) => setChosen({ ...chosen, [s.session.id]: e.target.checked })}
                      onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); propose(); } }} />
                    <label htmlFor={`dep-session-${i}`}>
                      <strong>{s.session.cashier.name}</strong> · {s.session.stationId} · {day(s.session.businessDay, lang)} · {t('deposit.receipts', { n: s.receiptCount })}
                      {s.countedCashCents !== null && <> · {t('deposit.countedCash', { amount: money(s.countedCashCents, lang) })}</>}
                      {s.overShortCents !== null && s.overShortCents !== 0 && <> · <OverShortAmount cents={s.overShortCents} /></>}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            <FieldError id="dep-sessions-err" text={err('sessionIds')} />
            <div className="actions"><button type="button" className="primary big" onClick={() => propose()} disabled={a.busy || ids.length === 0}>{t('deposit.propose')} <kbd>Enter</kbd></button></div>
          </section>
          {open.length > 0 && (
            <section className="panel" aria-labelledby="dep-open-title">
              <h2 id="dep-open-title">{t('deposit.open')}</h2>
              <ul className="plain">
                {open.map((x) => (
                  <li key={x.id}><button type="button" className="link" onClick={() => { setD(x); setBag(x.bagNumber ?? ''); }}>
                    {t(`deposit.state.${x.state}`)} · {x.businessDays.join(', ')} · {money(x.totalCents, lang)}{x.bagNumber ? ` · ${x.bagNumber}` : ''}
                  </button></li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      {!d && <ShredList />}
      {d && (
        <div className="two-col">
          <DepositSlip d={d} />
          <section className="panel">
            {d.state === 'proposal' && floatKept && (
              <>
                <h2>{t('deposit.floatKept')}</h2>
                <p className="hint">{t('deposit.floatHint', { amount: money(d.cash.available.totalCents, lang) })}</p>
                <CountSheet id="dep-float" counts={floatKept} onChange={setFloatKept} errors={a.errors} path="floatKept" rolls onDone={() => propose()} caption={t('deposit.floatKept')} />
                {d.float && diff !== 0 && (
                  <div className="banner warn" id="dep-float-warn">
                    <p role="status">{t(d.float.exactPossible ? 'deposit.floatNotTarget' : 'deposit.floatImpossible', { target: money(d.float.targetCents, lang), kept: money(d.float.keptCents, lang), difference: floatDifference(diff, lang) })}</p>
                    <label className="check" htmlFor="dep-float-accept">
                      <input type="checkbox" id="dep-float-accept" checked={acceptedDiff === diff} onChange={(e) => { setAcceptedDiff(e.target.checked ? diff : null); a.setErrors({}); }}
                        aria-describedby="dep-float-accept-err" />
                      {t('deposit.acceptFloat', { difference: floatDifference(diff, lang) })}
                    </label>
                    <FieldError id="dep-float-accept-err" text={err('acceptFloatDifferenceCents')} />
                    {d.float.exactPossible && <button type="button" className="secondary" onClick={() => propose(null)}>{t('deposit.exactFloat', { target: money(d.float.targetCents, lang) })}</button>}
                  </div>
                )}
                <div className="actions">
                  <button type="button" className="secondary" onClick={() => propose()}>{t('deposit.recalculate')}</button>
                  <button type="button" className="primary big" onClick={create} disabled={a.busy}>{t('deposit.create')} <kbd>F9</kbd></button>
                </div>
              </>
            )}
            {d.state === 'draft' && (
              <form onSubmit={(e) => { e.preventDefault(); prepare(); }}>
                <TextInput id="dep-bag" label={t('deposit.bag')} value={bag} onChange={(v) => { setBag(v); a.setErrors({}); }} maxLength={40} autoFocus error={err('bagNumber')} />
                <div className="actions"><button type="submit" className="primary big" disabled={a.busy}>{t('deposit.prepare')} <kbd>Enter</kbd></button></div>
              </form>
            )}
            {d.state === 'draft' && d.id && <DraftEdit key={d.id} d={d} onChanged={(v) => { setD(v); setBag(''); }} />}
            {d.state === 'prepared' && (
              <form onSubmit={(e) => { e.preventDefault(); verify(); }}>
                <p className="banner info">{t('deposit.printed')}</p>
                <AmountInput id="dep-bank" label={t('deposit.bankAmount')} value={bank} onChange={(v) => { setBank(v); a.setErrors({}); }} onEnter={verify} big error={err('bankConfirmedCents')} />
                <TextInput id="dep-note" label={t('deposit.note')} value={note} onChange={setNote} maxLength={500} />
                <div className="actions"><button type="submit" className="primary big" disabled={a.busy}>{t('deposit.verify')} <kbd>Enter</kbd></button></div>
              </form>
            )}
            {d.state === 'verified' && <p className="banner info" role="status">{t('deposit.verified')}</p>}
            {d.state === 'discarded' && <p className="banner info" role="status">{t('deposit.discardedDone')}</p>}
            {d.id && d.checks.items.some((i) => i.sentAs === 'image') && (
              <div className="actions">
                <button type="button" className="secondary" disabled={a.busy} onClick={() => d.id && void a.run(() => call('checkImages.icl', { depositId: d.id! }), (f) => {
                  download(f.fileName, 'application/octet-stream', base64Bytes(f.base64));
                  setIcl(t('deposit.iclMade', { file: f.fileName, n: f.items, paper: f.paperItems.length }));
                })}>{t('deposit.icl')}</button>
                {icl && <p className="banner info" role="status" data-testid="icl-made">{icl}</p>}
              </div>
            )}
            <FieldError id="dep-err" text={other ? errorText(other, lang) : undefined} />
            <div className="actions"><button type="button" className="secondary" onClick={() => { setListed(false); setSessions([]); setChosen({}); setD(null); setFloatKept(null); void load(); }}>{t('deposit.another')}</button></div>
          </section>
        </div>
      )}
    </Page>
  );
}
