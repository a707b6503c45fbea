// The exception queue: batch money for an unknown or closed account, applied to the right account or
// marked for refund by a supervisor. It is never dropped.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchExceptionView } from '../../../shared/contract/batches';
import { roleAtLeast } from '../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { errorAt, errorText, unclaimed } from '../../errors';
import { money } from '../../format';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

export function BatchExceptions() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const user = useApp((s) => s.user);
  const [list, setList] = useState<BatchExceptionView[]>([]);
  const [chosen, setChosen] = useState<BatchExceptionView | null>(null);
  const [account, setAccount] = useState('');
  const [note, setNote] = useState('');
  const act = useAction();
  const load = async () => { const r = await call('batch.exceptions', { open: true }); if (r.ok) setList(r.value); };
  useEffect(() => { void load(); const h = setInterval(() => void load(), 3000); return () => clearInterval(h); }, []);
  const sup = !!user && roleAtLeast(user.role, 'supervisor');
  const resolve = (action: 'apply_to_account' | 'refund') => chosen && void act.run((id) => call('batch.resolveException', {
    id, exceptionId: chosen.id, action, ...(action === 'apply_to_account' ? { accountNumber: account.trim() } : {}), note,
  }), () => { setChosen(null); setAccount(''); setNote(''); void load(); });
  const e = (p: string) => { const er = errorAt(act.errors, p); return er ? errorText(er, lang) : undefined; };
  const rest = unclaimed(act.errors, ['accountNumber', 'note']);
  return (
    <section aria-labelledby="bx-title">
      <h2 id="bx-title">{t('batch.exceptions', { n: list.length })}</h2>
      {list.length === 0 ? <p className="muted">{t('batch.noExceptions')}</p> : (
        <ul className="checklist" id="bx-list">
          {list.map((x) => (
            <li key={x.id}>
              <button type="button" className="secondary" disabled={!sup} onClick={() => setChosen(x)}>
                {t(`batch.exceptionKind.${x.kind}`, { account: x.accountNumber })} · {money(x.amountCents, lang)} · <span className="mono">{x.receiptNumber}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <form onSubmit={(ev) => { ev.preventDefault(); resolve('apply_to_account'); }} aria-labelledby="bx-form">
          <h3 id="bx-form">{t('batch.resolve', { receipt: chosen.receiptNumber })}</h3>
          <TextInput id="bx-account" label={t('batch.applyTo')} value={account} onChange={setAccount} maxLength={32} error={e('accountNumber')} autoFocus />
          <TextInput id="bx-note" label={t('batch.reason')} value={note} onChange={setNote} maxLength={500} error={e('note')} />
          <FieldError id="bx-err" text={rest ? errorText(rest, lang) : undefined} />
          <div className="actions">
            <button type="submit" className="primary" disabled={act.busy}>{t('batch.applyButton')}</button>
            <button type="button" className="secondary" disabled={act.busy} onClick={() => resolve('refund')}>{t('batch.refundButton')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
