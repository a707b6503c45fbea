// A check whose image the quality checks refused: Rescan (feed it again), or a supervisor takes it as
// it is, and it goes to the bank on paper, not in the image cash letter. The supervisor's ID and PIN go
// with the tender, as for a void or a paid-out; the station checks them when the receipt posts.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { SupervisorFields } from '../../components/SupervisorFields';
import { focusId } from '../../focus';
import { useApp } from '../../store/app';
import { useTillUi } from '../../store/tillUi';

export function ImageOverride({ poor }: { poor: string }) {
  const { t } = useTranslation();
  const overriding = useTillUi((s) => s.overriding);
  const draft = useTillUi((s) => s.overrideDraft);
  const approved = useTillUi((s) => s.form.imageOverride);
  const formErrors = useTillUi((s) => s.formErrors);
  const ui = useTillUi.getState;
  // The station's refusal of the supervisor (wrong PIN, not a supervisor, locked), on the field it names.
  const errors = Object.fromEntries(Object.entries(formErrors).flatMap(([k, v]) => {
    if (k === 'imageOverride.pin' || k === 'imageOverride') return [['pin', v]];
    if (k.startsWith('imageOverride.')) return [['approval.userId', v]];
    return [];
  }));
  const refused = formErrors.scanId?.code === 'CHECK_IMAGE_POOR' ? formErrors.scanId : undefined;

  if (approved) {
    return (
      <div className="banner warn image-override" role="status" data-testid="image-override-taken">
        <p>{t('checkImages.override.taken', { supervisor: approved.userId })}</p>
        <button type="button" className="ghost small" onClick={() => { ui().cancelOverride(); focusId('image-rescan'); }}>{t('checkImages.override.undo')}</button>
      </div>
    );
  }
  return (
    <div className="image-override" data-testid="image-override">
      <div className="banner warn" role="alert">
        <p>{t('checkImages.override.problem', { problems: poor })}</p>
        {/* Enter on the amount without a choice: what to do, in place of how it goes. */}
        {refused ? <p className="choose" data-testid="image-choose">{t('checkImages.override.choose')}</p> : <p>{t('checkImages.override.options')}</p>}
      </div>
      <div className="actions">
        <button id="image-rescan" type="button" className="secondary" onClick={() => { ui().rescan(); focusId('tender-amount'); useApp.getState().notify('info', t('checkImages.override.feedAgain')); }}>
          {t('checkImages.override.rescan')}
        </button>
        <button id="image-override" type="button" className="secondary" onClick={() => { ui().startOverride(); focusId('io-sup-user'); }}>
          {t('checkImages.override.start')}
        </button>
      </div>
      {overriding && (
        <Dialog id="image-override-dialog" title={t('checkImages.override.start')} onClose={() => { ui().cancelOverride(); focusId('image-rescan'); }}>
          <form onSubmit={(e) => { e.preventDefault(); ui().confirmOverride(); focusId('tender-amount'); }}>
            <p className="hint">{t('checkImages.override.hint')}</p>
            <SupervisorFields id="io" value={draft} onChange={(a) => ui().setOverrideDraft(a)} errors={errors}
              onEnter={() => { if (ui().overrideDraft.userId && ui().overrideDraft.pin) { ui().confirmOverride(); focusId('tender-amount'); } }} />
            <div className="actions">
              <button type="submit" className="primary" disabled={!draft.userId || !draft.pin}>{t('checkImages.override.confirm')}</button>
              <button type="button" className="secondary" onClick={() => { ui().cancelOverride(); focusId('image-rescan'); }}>{t('checkImages.override.cancel')}</button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
