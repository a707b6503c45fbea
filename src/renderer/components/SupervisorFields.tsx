// A supervisor's ID and PIN, given at the counter for one action; the cashier stays signed in.
import { useTranslation } from 'react-i18next';
import { errorAt, errorText, type FieldErrors } from '../errors';
import { useApp } from '../store/app';
import { TextInput } from './TextInput';

export interface Approval { userId: string; pin: string }

export function SupervisorFields({ id, value, onChange, errors, onEnter }: { id: string; value: Approval; onChange(a: Approval): void; errors: FieldErrors; onEnter?(): void }) {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const userErr = errorAt(errors, 'approval.userId', 'approval');
  const pinErr = errorAt(errors, 'approval.pin', 'pin');
  return (
    <fieldset className="supervisor">
      <legend>{t('supervisor.legend')}</legend>
      <TextInput id={`${id}-sup-user`} label={t('supervisor.userId')} value={value.userId} onChange={(userId) => onChange({ ...value, userId })}
        error={userErr && userErr !== pinErr ? errorText(userErr, lang) : undefined} autoComplete="off" />
      <TextInput id={`${id}-sup-pin`} label={t('supervisor.pin')} value={value.pin} onChange={(pin) => onChange({ ...value, pin })}
        secret digits maxLength={8} error={pinErr ? errorText(pinErr, lang) : undefined} {...(onEnter ? { onEnter } : {})} />
    </fieldset>
  );
}
