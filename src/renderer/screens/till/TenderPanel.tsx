// Totals, the tender being keyed (cash, check, money order, card), the tenders so far, and Complete.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_BRANDS, type TenderKind } from '../../../shared/domain';
import { AmountInput } from '../../components/AmountInput';
import { TextInput } from '../../components/TextInput';
import { FieldError } from '../../components/FieldError';
import { amountOf } from '../../amountEntry';
import { errorAt, errorText, unclaimed } from '../../errors';
import { money } from '../../format';
import { focusId } from '../../focus';
import { useApp } from '../../store/app';
import { saleTotal, tenderTotal, useSale, type TenderInput } from '../../store/sale';
import { useTillUi } from '../../store/tillUi';
import { useShallow } from 'zustand/react/shallow';
import { useCard } from '../../store/card';
import { CardButtons, CardNoticeLine } from './CardCharge';

export const KIND_KEYS: { kind: TenderKind; key: string }[] = [
  { kind: 'cash', key: 'F5' }, { kind: 'check', key: 'F6' }, { kind: 'money_order', key: 'F7' }, { kind: 'card', key: 'F8' },
];

export const COMPLETE_ID = 'complete';

/** The field a tender kind starts on. */
export function firstField(kind: TenderKind, micrFilled: boolean, terminal = false): string {
  if (kind === 'check') return micrFilled ? 'tender-amount' : 'tender-routing';
  // With a terminal, F8 goes to the amount (the amount still due, editable) and Enter charges it.
  if (kind === 'card') return terminal ? 'tender-amount' : 'tender-brand';
  if (kind === 'money_order') return 'tender-reference';
  return 'tender-amount';
}

/** Fields of a tender form in keying order (Enter moves along; Enter on the last adds the tender). */
function fieldOrder(kind: TenderKind): string[] {
  switch (kind) {
    case 'check': return ['tender-routing', 'tender-account', 'tender-check', 'tender-amount'];
    case 'card': return ['tender-brand', 'tender-last4', 'tender-auth', 'tender-amount'];
    case 'money_order': return ['tender-reference', 'tender-amount'];
    default: return ['tender-amount'];
  }
}

/** The amount being keyed: the one field that changes on every keystroke, so it alone subscribes to it. */
function TenderAmount({ label, onEnter, remaining, hint, error }: { label: string; onEnter(): void; remaining: number; hint: string; error: string | undefined }) {
  const amount = useTillUi((s) => s.form.amount);
  const setForm = useTillUi((s) => s.setForm);
  return (
    <AmountInput id="tender-amount" label={label} value={amount} onChange={(v) => setForm({ amount: v })} onEnter={onEnter}
      placeholderCents={remaining} big hint={hint} error={error} />
  );
}

export function TenderPanel({ onComplete }: { onComplete(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const lines = useSale((s) => s.lines);
  const tenders = useSale((s) => s.tenders);
  const posting = useSale((s) => s.posting);
  const saleErrors = useSale((s) => s.errors);
  const addTender = useSale((s) => s.addTender);
  const removeTender = useSale((s) => s.removeTender);
  // Everything but the amount: a keystroke in the amount re-renders only TenderAmount below.
  const { kind, formErrors, formNotes, setKind, setForm, resetForm } = useTillUi(useShallow((s) => ({
    kind: s.kind, formErrors: s.formErrors, formNotes: s.formNotes, setKind: s.setKind, setForm: s.setForm, resetForm: s.resetForm,
  })));
  const form = useTillUi(useShallow((s) => ({ ...s.form, amount: undefined })));
  const terminalOn = useCard((s) => s.settings?.enabled === true);
  const keyedCard = useCard((s) => s.keyed);
  const chargeCard = useCard((s) => s.charge);
  const terminalMode = kind === 'card' && terminalOn && !keyedCard;

  const total = saleTotal(lines);
  const tendered = tenderTotal(tenders);
  const remaining = Math.max(0, total - tendered);
  const change = Math.max(0, tendered - total);

  function add() {
    const form = useTillUi.getState().form;
    const keyed = amountOf(form.amount);
    const amountCents = keyed ?? remaining;
    if (amountCents <= 0) return;
    let tender: TenderInput;
    switch (kind) {
      case 'check':
        // A poor image is not taken without a choice: rescan, or the supervisor's override (paper only).
        if (form.scanId && form.scanPoor && !form.imageOverride) {
          useTillUi.setState({ formErrors: { scanId: { code: 'CHECK_IMAGE_POOR', message: '', params: { problems: form.scanPoor } } } });
          focusId('image-rescan');
          return;
        }
        tender = { kind, amountCents, routing: form.routing, account: form.account, checkNumber: form.checkNumber, ...(form.micrRaw ? { micrRaw: form.micrRaw } : {}), ...(form.scanId ? { scanId: form.scanId } : {}),
          ...(form.scanId && form.imageOverride ? { imageOverride: form.imageOverride } : {}) };
        break;
      case 'card': tender = { kind, amountCents, brand: form.brand, last4: form.last4, authCode: form.authCode }; break;
      case 'money_order': tender = { kind, amountCents, ...(form.reference.trim() ? { reference: form.reference.trim() } : {}) }; break;
      case 'other': tender = { kind, amountCents, reference: form.reference.trim() }; break;
      default: tender = { kind: 'cash', amountCents };
    }
    addTender(tender);
    resetForm();
    setKind('cash');
    // Covered: Complete is next. Otherwise the next tender's amount.
    focusId(tendered + amountCents >= total ? COMPLETE_ID : 'tender-amount');
  }

  function charge() {
    const keyed = amountOf(useTillUi.getState().form.amount);
    resetForm();
    void chargeCard(keyed ?? remaining);
  }

  function onEnterIn(id: string) {
    if (terminalMode) { charge(); return; }
    const order = fieldOrder(kind);
    const i = order.indexOf(id);
    const next = order[i + 1];
    if (next) focusId(next); else add();
  }

  function onSelectKey(e: KeyboardEvent<HTMLSelectElement>) {
    if (e.key === 'Enter') { e.preventDefault(); onEnterIn('tender-brand'); }
  }

  const err = (f: string) => { const e = formErrors[f]; return e ? errorText(e, lang) : formNotes[f]; };
  const whole = formErrors[''];
  const sumErr = errorAt(saleErrors, 'tenders');
  // Whatever else stopped the posting (no open drawer, drawer left open, day closed, no answer): by Complete.
  const otherErr = unclaimed(saleErrors, ['tenders', 'lines', 'payerName']);
  return (
    <section className="panel tender-panel" aria-labelledby="tender-title">
      <h2 id="tender-title" className="sr-only">{t('tender.title')}</h2>
      <dl className="totals">
        <div className="total-due"><dt>{t('till.total')}</dt><dd data-testid="total-due">{money(total, lang)}</dd></div>
        <div><dt>{t('till.tendered')}</dt><dd>{money(tendered, lang)}</dd></div>
        {change > 0
          ? <div className="change-preview"><dt>{t('till.change')}</dt><dd>{money(change, lang)}</dd></div>
          : <div className={remaining > 0 ? 'due' : undefined}><dt>{t('till.remaining')}</dt><dd data-testid="remaining">{money(remaining, lang)}</dd></div>}
      </dl>
      <FieldError id="tenders-err" text={sumErr ? errorText(sumErr, lang) : undefined} />
      <CardNoticeLine />
      {tenders.length > 0 && (
        <table className="tender-list">
          <caption className="sr-only">{t('tender.list')}</caption>
          <tbody>
            {tenders.map((x, i) => {
              const what = `${t(`tender.${x.tender.kind}`)} ${money(x.tender.amountCents, lang)}`;
              return (
                <tr key={x.key}>
                  <th scope="row">{t(`tender.${x.tender.kind}`)}{x.tender.kind === 'check' ? ` #${x.tender.checkNumber}` : ''}{x.tender.kind === 'check' && x.tender.imageOverride ? <span className="tag" data-testid="tender-paper-only"> {t('checkImages.override.paperMark')}</span> : null}{x.tender.kind === 'card' ? ` ${t(`tender.brands.${x.tender.brand ?? 'other'}`)} …${x.tender.last4 ?? ''}${terminalOn && !x.tender.attemptId ? ` (${t('card.keyedMark')})` : ''}` : ''}</th>
                  <td className="num">{money(x.tender.amountCents, lang)}</td>
                  {/* A card charged at the terminal stays: putting the sale aside reverses it. */}
                  <td>{x.tender.kind === 'card' && x.tender.attemptId ? null : <button type="button" className="ghost small" aria-label={t('tender.removeTender', { n: i + 1, what })} onClick={() => removeTender(x.key)}>✕</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <div className="tender-body">
      <div className="kinds" role="radiogroup" aria-label={t('tender.kind')}>
        {KIND_KEYS.map(({ kind: k, key }) => (
          <button key={k} type="button" role="radio" aria-checked={kind === k} className={`kind${kind === k ? ' on' : ''}`}
            onClick={() => { setKind(k); focusId(firstField(k, false)); }}>
            {t(`tender.${k}`)} <kbd>{key}</kbd>
          </button>
        ))}
      </div>

      <div className="tender-form">
        {whole && <FieldError id="tender-whole-err" text={errorText(whole, lang)} />}
        {kind === 'check' && (
          <div className="tender-fields">
            <TextInput id="tender-routing" label={t('tender.routing')} value={form.routing} onChange={(routing) => setForm({ routing })} onEnter={() => onEnterIn('tender-routing')} digits maxLength={9} error={err('routing')} />
            <TextInput id="tender-account" label={t('tender.account')} value={form.account} onChange={(account) => setForm({ account })} onEnter={() => onEnterIn('tender-account')} digits maxLength={17} error={err('account')} />
            <TextInput id="tender-check" label={t('tender.checkNumber')} value={form.checkNumber} onChange={(checkNumber) => setForm({ checkNumber })} onEnter={() => onEnterIn('tender-check')} digits maxLength={15} error={err('checkNumber')} />
          </div>
        )}
        {kind === 'card' && !terminalMode && (
          <div className="tender-fields card-fields">
            <div className="field">
              <label htmlFor="tender-brand">{t('tender.brand')}</label>
              <select id="tender-brand" value={form.brand} onChange={(e) => setForm({ brand: e.target.value as typeof form.brand })} onKeyDown={onSelectKey}>
                {CARD_BRANDS.map((b) => <option key={b} value={b}>{t(`tender.brands.${b}`)}</option>)}
              </select>
            </div>
            <TextInput id="tender-last4" label={t('tender.last4')} value={form.last4} onChange={(last4) => setForm({ last4 })} onEnter={() => onEnterIn('tender-last4')} digits maxLength={4} error={err('last4')} />
            <TextInput id="tender-auth" label={t('tender.authCode')} value={form.authCode} onChange={(authCode) => setForm({ authCode })} onEnter={() => onEnterIn('tender-auth')} maxLength={12} error={err('authCode')} />
          </div>
        )}
        {kind === 'money_order' && (
          <TextInput id="tender-reference" label={t('tender.reference')} value={form.reference} onChange={(reference) => setForm({ reference })} onEnter={() => onEnterIn('tender-reference')} maxLength={40} error={err('reference')} />
        )}
        {/* The amount and its Add button side by side: the whole form fits a 1366×768 screen (tillFits e2e). */}
        <div className="amount-row">
          <TenderAmount label={kind === 'cash' ? t('tender.cashAmount') : `${t('tender.amount')} — ${t(`tender.${kind}`)}`} onEnter={() => onEnterIn('tender-amount')}
            remaining={remaining} hint={t('tender.amountHint')} error={err('amountCents')} />
          {!terminalMode && <button type="button" className="secondary" onClick={add}>{t('tender.add')} <kbd>Enter</kbd></button>}
        </div>
        {terminalMode && <CardButtons onCharge={charge} />}
      </div>

      </div>

      <FieldError id="complete-err" text={otherErr ? errorText(otherErr, lang) : undefined} />
      <button id={COMPLETE_ID} type="button" className="complete" aria-busy={posting}
        aria-disabled={lines.length === 0 || undefined} aria-describedby={otherErr ? 'complete-err' : undefined}
        onClick={onComplete}>
        {posting ? t('till.posting') : t('till.complete')} <kbd>F9</kbd>
      </button>
    </section>
  );
}
