// Mail and drop-box batches keyed against the adding-machine tape, and lockbox and online files imported.
// What is entered against the control figures (count, amount, difference) is on screen all the time.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchListItem, BatchView } from '../../shared/contract/batches';
import { roleAtLeast } from '../../shared/domain';
import { AmountInput } from '../components/AmountInput';
import { FieldError } from '../components/FieldError';
import { Page } from '../components/Page';
import { SupervisorFields, type Approval } from '../components/SupervisorFields';
import { TextInput } from '../components/TextInput';
import { amountOf, EMPTY, keysFor, type AmountKeys } from '../amountEntry';
import { useTillUi } from '../store/tillUi';
import { errorAt, errorText, unclaimed } from '../errors';
import { money } from '../format';
import { focusId } from '../focus';
import { call } from '../transport';
import { base64Bytes, download } from '../download';
import { useAction } from '../useAction';
import { useApp } from '../store/app';
import { BatchImport } from './batches/BatchImport';
import { BatchExceptions } from './batches/BatchExceptions';

export function Batches() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user);
  const [list, setList] = useState<BatchListItem[]>([]);
  const [batch, setBatch] = useState<BatchView | null>(null);
  const refresh = async (id?: string) => {
    const l = await call('batch.list', { state: 'open' });
    if (l.ok) setList(l.value);
    const want = id ?? batch?.id;
    if (want) { const b = await call('batch.get', { batchId: want }); if (b.ok) setBatch(b.value); }
  };
  useEffect(() => { void refresh(); }, []);
  return (
    <Page id="batches" title={t('batch.title')}>
      <div className="two-col">
        <section className="panel">
          <OpenBatch onOpened={(b) => { setBatch(b); void refresh(b.id); focusId('bi-stub'); }} />
          {list.length > 0 && (
            <ul className="checklist" aria-label={t('batch.openBatches')}>
              {list.map((b) => (
                <li key={b.id}><button type="button" className="secondary" onClick={() => void refresh(b.id)}>
                  {b.batchNumber} · {t(`batch.source.${b.source}`)} · {money(b.entered.cents, lang)} / {money(b.control.cents, lang)}
                </button></li>
              ))}
            </ul>
          )}
          <BatchImport onImported={(b) => { setBatch(b); void refresh(b.id); }} />
          <BatchExceptions />
        </section>
        <section className="panel">
          {batch ? <BatchPanel batch={batch} canDeposit={!!user && roleAtLeast(user.role, 'supervisor')} onChange={(b) => { setBatch(b); void refresh(b.id); }} /> : <p className="muted">{t('batch.none')}</p>}
        </section>
      </div>
    </Page>
  );
}

function OpenBatch({ onOpened }: { onOpened(b: BatchView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [source, setSource] = useState<'mail' | 'drop_box'>('mail');
  const [count, setCount] = useState('');
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const act = useAction();
  const open = () => void act.run((id) => call('batch.open', { id, source, controlCount: count === '' ? Number.NaN : Number(count), controlCents: amountOf(amount) ?? 0 }),
    (b) => { setCount(''); setAmount(EMPTY); onOpened(b); }, { controlCount: 'bo-count', controlCents: 'bo-amount' });
  const e = (p: string) => { const er = errorAt(act.errors, p); return er ? errorText(er, lang) : undefined; };
  const rest = unclaimed(act.errors, ['controlCount', 'controlCents']);
  return (
    <form onSubmit={(ev) => { ev.preventDefault(); open(); }} aria-labelledby="bo-title">
      <h2 id="bo-title">{t('batch.open')}</h2>
      <div className="field">
        <label htmlFor="bo-source">{t('batch.sourceLabel')}</label>
        <select id="bo-source" value={source} onChange={(ev) => setSource(ev.target.value as 'mail' | 'drop_box')}>
          <option value="mail">{t('batch.source.mail')}</option>
          <option value="drop_box">{t('batch.source.drop_box')}</option>
        </select>
      </div>
      <div className="grid3">
        <TextInput id="bo-count" label={t('batch.tapeCount')} value={count} onChange={setCount} digits maxLength={6} error={e('controlCount')} />
        <AmountInput id="bo-amount" label={t('batch.tapeTotal')} value={amount} onChange={setAmount} onEnter={open} error={e('controlCents')} />
      </div>
      <FieldError id="bo-err" text={rest ? errorText(rest, lang) : undefined} />
      <div className="actions"><button type="submit" className="primary" disabled={act.busy}>{t('batch.openButton')}</button></div>
    </form>
  );
}

function Figures({ b }: { b: BatchView }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  return (
    <table className="data" id="batch-figures" aria-live="polite">
      <caption>{t('batch.figures')}</caption>
      <thead><tr><th scope="col" /><th scope="col">{t('batch.items')}</th><th scope="col">{t('batch.amount')}</th></tr></thead>
      <tbody>
        <tr><th scope="row">{t('batch.control')}</th><td className="num">{b.control.count}</td><td className="num">{money(b.control.cents, lang)}</td></tr>
        <tr><th scope="row">{t('batch.entered')}</th><td className="num" id="batch-entered-count">{b.entered.count}</td><td className="num" id="batch-entered-cents">{money(b.entered.cents, lang)}</td></tr>
        <tr className={b.balanced ? 'balanced' : 'out'}><th scope="row">{t('batch.difference')}</th><td className="num" id="batch-diff-count">{b.difference.count}</td><td className="num" id="batch-diff-cents">{money(b.difference.cents, lang)}</td></tr>
        {b.bankDepositCents !== null && <tr><th scope="row">{t('batch.bank')}</th><td /><td className="num">{money(b.bankDepositCents, lang)} ({money(b.bankDifferenceCents ?? 0, lang)})</td></tr>}
      </tbody>
    </table>
  );
}

function BatchPanel({ batch: b, canDeposit, onChange }: { batch: BatchView; canDeposit: boolean; onChange(b: BatchView): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const info = useApp((s) => s.info);
  const [account, setAccount] = useState('');
  const [amount, setAmount] = useState<AmountKeys>(EMPTY);
  const [routing, setRouting] = useState('');
  const [bankAccount, setBankAccount] = useState('');
  const [checkNumber, setCheckNumber] = useState('');
  const [received, setReceived] = useState(info?.businessDay ?? '');
  const [postmark, setPostmark] = useState('');
  const [reason, setReason] = useState('');
  const [approval, setApproval] = useState<Approval>({ userId: '', pin: '' });
  const [voiding, setVoiding] = useState<string | null>(null);
  const [stub, setStub] = useState('');
  const [stubRaw, setStubRaw] = useState<string | null>(null);
  const [late, setLate] = useState<{ revenueCode: string; amountCents: number; stubCents: number; baseCents: number; monthsPastDue: number } | null>(null);
  const [addLate, setAddLate] = useState(false);
  const [micrRaw, setMicrRaw] = useState<string | null>(null);
  const scan = useAction();
  // A check read by the MICR reader lands in the tender form of the till's store: taken into this item.
  const read = useTillUi((s) => s.form.micrRaw);
  useEffect(() => {
    if (!read) return;
    const f = useTillUi.getState().form;
    setRouting(f.routing); setBankAccount(f.account); setCheckNumber(f.checkNumber); setMicrRaw(f.micrRaw);
    useTillUi.getState().resetForm();
    focusId('bi-amount');
  }, [read]);
  // Scanned after the dates are keyed: the late penalty is judged on the postmark (else the date received).
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(postmark) ? postmark : /^\d{4}-\d{2}-\d{2}$/.test(received) ? received : undefined;
  const readStub = () => void scan.run(() => call('stubs.scan', { raw: stub, ...(asOf ? { asOf } : {}) }), (v) => {
    setAccount(v.account.accountNumber); setAmount(keysFor(v.stub.amountCents)); setStubRaw(v.stub.raw); setStub('');
    setLate(v.late ? { revenueCode: v.late.revenueCode, amountCents: v.late.amountCents, stubCents: v.stub.amountCents, baseCents: v.late.baseCents, monthsPastDue: v.late.monthsPastDue } : null); setAddLate(false);
    focusId('bi-check');
  }, { raw: 'bi-stub' });
  const add = useAction();
  const close = useAction();
  const dep = useAction();
  const voidAct = useAction();
  const reload = async () => { const r = await call('batch.get', { batchId: b.id }); if (r.ok) onChange(r.value); };
  const enter = () => {
    const cents = amountOf(amount) ?? 0;
    const penalty = late && addLate ? [{ revenueCode: late.revenueCode, accountNumber: account.trim(), amountCents: late.amountCents, feeInputs: { baseCents: late.baseCents, monthsPastDue: late.monthsPastDue } }] : [];
    void add.run((id) => call('batch.addItem', {
      id, batchId: b.id, lines: [{ revenueCode: 'WATER', accountNumber: account.trim(), amountCents: cents - (penalty[0]?.amountCents ?? 0), ...(stubRaw ? { stub: { raw: stubRaw } } : {}) }, ...penalty],
      tender: { kind: 'check', amountCents: cents, routing, account: bankAccount, checkNumber, ...(micrRaw ? { micrRaw } : {}) }, dateReceived: received, ...(postmark ? { postmarkDate: postmark } : {}),
    }), () => { setAccount(''); setAmount(EMPTY); setCheckNumber(''); setStubRaw(null); setMicrRaw(null); setLate(null); setAddLate(false); void reload(); focusId('bi-stub'); },
    { 'lines.0.accountNumber': 'bi-account', 'tender.amountCents': 'bi-amount', 'tender.routing': 'bi-routing', 'tender.account': 'bi-bank', 'tender.checkNumber': 'bi-check', dateReceived: 'bi-received', postmarkDate: 'bi-postmark' });
  };
  const needsApproval = !b.balanced || (b.bankDifferenceCents !== null && b.bankDifferenceCents !== 0);
  const doClose = () => void close.run((id) => call('batch.close', { id, batchId: b.id, ...(needsApproval ? { approval, reason } : {}) }), (v) => onChange(v));
  const doVoid = (receiptNumber: string) => void voidAct.run((id) => call('receipt.void', { id, receiptNumber, reason, approval }), () => { setVoiding(null); setReason(''); setApproval({ userId: '', pin: '' }); void reload(); });
  const doDeposit = () => void dep.run((id) => call('deposit.create', { id, sessionIds: [b.id] }), () => void reload());
  const e = (x: typeof add, ...p: string[]) => { const er = errorAt(x.errors, ...p); return er ? errorText(er, lang) : undefined; };
  const addRest = unclaimed(add.errors, ['lines', 'tender', 'dateReceived', 'postmarkDate']);
  const closeRest = unclaimed(close.errors, ['approval', 'reason']);
  return (
    <div>
      <h2 id="batch-title">{t('batch.heading', { number: b.batchNumber, source: t(`batch.source.${b.source}`) })} · <span className="badge">{t(`batch.state.${b.state}`)}</span></h2>
      <Figures b={b} />
      {b.state === 'open' && b.depositable && (
        <form onSubmit={(ev) => { ev.preventDefault(); enter(); }} aria-labelledby="bi-title">
          <h3 id="bi-title">{t('batch.enterItem')}</h3>
          <TextInput id="bi-stub" label={t('batch.stub')} value={stub} onChange={setStub} maxLength={400} onEnter={readStub} hint={t('batch.stubHint')}
            error={errorAt(scan.errors, 'raw', '') ? errorText(errorAt(scan.errors, 'raw', '')!, lang) : undefined} />
          {late && (
            <div className="field" id="bi-late">
              <input type="checkbox" id="bi-late-add" checked={addLate} onChange={(ev) => { setAddLate(ev.target.checked); setAmount(keysFor(late.stubCents + (ev.target.checked ? late.amountCents : 0))); }} />
              <label htmlFor="bi-late-add">{t('batch.lateOffer', { amount: money(late.amountCents, lang) })}</label>
            </div>
          )}
          <div className="grid3">
            <TextInput id="bi-account" label={t('batch.account')} value={account} onChange={setAccount} maxLength={32} error={e(add, 'lines')} />
            <AmountInput id="bi-amount" label={t('batch.amount')} value={amount} onChange={setAmount} error={e(add, 'tender.amountCents')} />
            <TextInput id="bi-check" label={t('tender.checkNumber')} value={checkNumber} onChange={setCheckNumber} digits maxLength={15} error={e(add, 'tender.checkNumber')} />
            <TextInput id="bi-routing" label={t('tender.routing')} value={routing} onChange={setRouting} digits maxLength={9} error={e(add, 'tender.routing')} />
            <TextInput id="bi-bank" label={t('tender.account')} value={bankAccount} onChange={setBankAccount} digits maxLength={17} error={e(add, 'tender.account')} />
            <TextInput id="bi-received" label={t('batch.dateReceived')} value={received} onChange={setReceived} maxLength={10} error={e(add, 'dateReceived')} hint="YYYY-MM-DD" />
            <TextInput id="bi-postmark" label={t('batch.postmark')} value={postmark} onChange={setPostmark} maxLength={10} error={e(add, 'postmarkDate')} onEnter={enter} hint="YYYY-MM-DD" />
          </div>
          <FieldError id="bi-err" text={addRest ? errorText(addRest, lang) : undefined} />
          <div className="actions"><button type="submit" className="primary" disabled={add.busy}>{t('batch.addButton')} <kbd>Enter</kbd></button></div>
        </form>
      )}
      <table className="data" id="batch-items">
        <caption>{t('batch.itemList', { n: b.items.length })}</caption>
        <thead><tr><th scope="col">#</th><th scope="col">{t('batch.receipt')}</th><th scope="col">{t('batch.account')}</th><th scope="col">{t('batch.dateReceived')}</th><th scope="col">{t('batch.amount')}</th><th scope="col" /></tr></thead>
        <tbody>{b.items.map((it) => (
          <tr key={it.receiptId} className={it.voided ? 'voided' : ''}>
            <td>{it.itemNo}</td><td className="mono">{it.receiptNumber}</td><td>{it.accountNumbers.join(', ')}</td><td>{it.dateReceived}</td>
            <td className="num">{money(it.amountCents, lang)}</td>
            <td>{it.voided ? t('drawer.voided') : b.state === 'open' && <button type="button" className="secondary" id={`batch-void-${it.itemNo}`} onClick={() => setVoiding(it.receiptNumber)}>{t('batch.void')}</button>}</td>
          </tr>
        ))}</tbody>
      </table>
      {voiding && (
        <form onSubmit={(ev) => { ev.preventDefault(); doVoid(voiding); }} aria-labelledby="bv-title">
          <h3 id="bv-title">{t('batch.voidTitle', { receipt: voiding })}</h3>
          <TextInput id="bv-reason" label={t('batch.reason')} value={reason} onChange={setReason} maxLength={500} error={e(voidAct, 'reason')} autoFocus />
          <SupervisorFields id="bv" value={approval} onChange={setApproval} errors={voidAct.errors} />
          <FieldError id="bv-err" text={unclaimed(voidAct.errors, ['reason', 'approval']) ? errorText(unclaimed(voidAct.errors, ['reason', 'approval'])!, lang) : undefined} />
          <div className="actions"><button type="submit" className="primary" disabled={voidAct.busy}>{t('batch.voidButton')}</button></div>
        </form>
      )}
      {b.state === 'open' && (
        <form onSubmit={(ev) => { ev.preventDefault(); doClose(); }} aria-labelledby="bc-title">
          <h3 id="bc-title">{t('batch.close')}</h3>
          {needsApproval && (<>
            <p className="muted">{t('batch.needsApproval')}</p>
            <TextInput id="bc-reason" label={t('batch.reason')} value={reason} onChange={setReason} maxLength={500} error={e(close, 'reason')} />
            <SupervisorFields id="bc" value={approval} onChange={setApproval} errors={close.errors} />
          </>)}
          <FieldError id="bc-err" text={closeRest ? errorText(closeRest, lang) : undefined} />
          <div className="actions"><button type="submit" id="batch-close" className="primary" disabled={close.busy}>{t('batch.closeButton')}</button></div>
        </form>
      )}
      {b.closure && <p role="status" id="batch-closed">{t('batch.closedBy', { name: b.closure.by.name })}{b.closure.approvedBy ? ` · ${t('batch.approvedBy', { name: b.closure.approvedBy.name, reason: b.closure.reason ?? '' })}` : ''}</p>}
      {b.state === 'closed' && b.depositable && !b.depositId && canDeposit && (
        <div className="actions"><button type="button" id="batch-deposit" className="primary" disabled={dep.busy} onClick={doDeposit}>{t('batch.depositButton')}</button></div>
      )}
      {dep.errors[''] && <FieldError id="bd-err" text={errorText(dep.errors['']!, lang)} />}
      {b.depositId && <p role="status" id="batch-deposited">{t('batch.deposited')}</p>}
      {!b.depositable && <p className="muted">{t('batch.inBank')}</p>}
      <div className="actions">
        <button type="button" id="batch-print" className="secondary" onClick={() => void call('batch.print', { batchId: b.id })}>{t('batch.printReport')}</button>
        <button type="button" id="batch-pdf" className="secondary" onClick={() => void call('batch.pdf', { batchId: b.id, lang }).then((r) => { if (r.ok) download(r.value.filename, r.value.mimeType, base64Bytes(r.value.base64)); })}>{t('batch.pdfReport')}</button>
      </div>
    </div>
  );
}
