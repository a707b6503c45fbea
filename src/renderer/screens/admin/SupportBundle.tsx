// The support bundle (admin): logs, settings without secrets, `verify` and versions, saved as one file for IT.
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/FieldError';
import { download } from '../../download';
import { errorText, unclaimed } from '../../errors';
import { useApp } from '../../store/app';
import { call } from '../../transport';
import { useAction } from '../../useAction';

export function SupportBundle() {
  const { t } = useTranslation();
  const lang = useApp((s) => s.lang);
  const notify = useApp((s) => s.notify);
  const a = useAction();
  const err = unclaimed(a.errors, []);
  const save = () => void a.run(() => call('support.bundle', {}), (b) => { download(b.filename, 'application/json', b.content); notify('info', () => t('admin.supportSaved', { file: b.filename })); });
  return (
    <div aria-labelledby="adm-support-title" role="group">
      <h2 id="adm-support-title">{t('admin.support')}</h2>
      <p className="muted">{t('admin.supportText')}</p>
      <FieldError id="support-err" text={err ? errorText(err, lang) : undefined} />
      <div className="actions"><button type="button" id="support-bundle" className="secondary" disabled={a.busy} onClick={save}>{t('admin.supportExport')}</button></div>
    </div>
  );
}
