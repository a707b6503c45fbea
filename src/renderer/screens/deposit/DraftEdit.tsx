// A draft deposit changed before it is prepared (issue 15): drawers added or removed (the draft is replaced
// by a new one, the old one kept as discarded), or the draft discarded, each with a reason.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositView, SessionListItem } from '../../../shared/endOfDayViews';
import { FieldError } from '../../components/FieldError';
import { TextInput } from '../../components/TextInput';
import { errorAt, errorText, unclaimed } from '../../errors';
import { day, money } from '../../format';
import { call } from '../../transport';
import { useAction } from '../../useAction';
import { useApp } from '../../store/app';

export function DraftEdit({ d, onChanged }: { d: DepositView; onChanged: (v: DepositView, discarded: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const [free, setFree] = useState<SessionListItem[]>([]);
  const [chosen, setChosen] = useState<Record<string, boolean>>(() => Object.fromEntries(d.sessions.map((s) => [s.id, true])));
  const [reason, setReason] = useState('');
  const a = useAction();
  useEffect(() => { void call('closeout.list', { state: 'closed', undeposited: true }).then((r) => { if (r.ok) setFree(r.value); }); }, [d.id]);

  const rows = [...d.sessions.map((s) => ({ id: s.id, label: `${s.cashier.name} · ${s.stationId} · ${day(s.businessDay, lang)}` })),
    ...free.filter((f) => !d.sessions.some((s) => s.id === f.session.id)).map((f) => ({ id: f.session.id, label: `${f.session.cashier.name} · ${f.session.stationId} · ${day(f.session.businessDay, lang)} · ${money(f.countedCashCents ?? 0, lang)}` }))];
  const ids = rows.filter((r) => chosen[r.id]).map((r) => r.id);
  const change = () => void a.run((id) => call('deposit.changeSessions', { id, depositId: d.id!, sessionIds: ids, reason }), (v) => onChanged(v, false), { reason: 'dep-edit-reason', sessionIds: 'dep-edit-0' });
  const discard = () => void a.run(() => call('deposit.discard', { depositId: d.id!, reason }), (v) => onChanged(v, true), { reason: 'dep-edit-reason' });
  const err = (...p: string[]) => { const e = errorAt(a.errors, ...p); return e ? errorText(e, lang) : undefined; };
  const other = unclaimed(a.errors, ['sessionIds', 'reason']);
  return (
    <section className="draft-edit" aria-labelledby="dep-edit-title">
      <h2 id="dep-edit-title">{t('deposit.editTitle')}</h2>
      <p className="hint">{t('deposit.editHint')}</p>
      <ul className="checklist">
        {rows.map((r, i) => (
          <li key={r.id}>
            <input type="checkbox" id={`dep-edit-${i}`} checked={!!chosen[r.id]} onChange={(e) => { setChosen({ ...chosen, [r.id]: e.target.checked }); a.setErrors({}); }} />
            <label htmlFor={`dep-edit-${i}`}>{r.label}</label>
          </li>
        ))}
      </ul>
      <FieldError id="dep-edit-sessions-err" text={err('sessionIds')} />
      <TextInput id="dep-edit-reason" label={t('deposit.editReason')} value={reason} onChange={(v) => { setReason(v); a.setErrors({}); }} maxLength={500} error={err('reason')} />
      <FieldError id="dep-edit-err" text={other ? errorText(other, lang) : undefined} />
      <div className="actions">
        <button type="button" className="secondary" id="dep-edit-change" onClick={change} disabled={a.busy || ids.length === 0}>{t('deposit.changeSessions')}</button>
        <button type="button" className="secondary danger" id="dep-edit-discard" onClick={discard} disabled={a.busy}>{t('deposit.discard')}</button>
      </div>
    </section>
  );
}
