// A check's front and back beside its tender: the scan's pictures while the tender is keyed, or a posted
// tender's (returned check, deposit, close-out). A poor scan's choice is ImageOverride's.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckImagePicture } from '../../../shared/checkImages';
import { call } from '../../transport';
import { useTillUi } from '../../store/tillUi';
import { ImageOverride } from './ImageOverride';

export function CheckImages({ scanId, tender, small }: { scanId?: string; tender?: { receiptNumber: string; tenderNo: number }; small?: boolean }) {
  const { t } = useTranslation();
  const [pictures, setPictures] = useState<CheckImagePicture[] | null>(null);
  const [failed, setFailed] = useState(false);
  const key = scanId ?? `${tender?.receiptNumber}:${tender?.tenderNo}`;
  useEffect(() => {
    let live = true;
    setPictures(null); setFailed(false);
    const got = scanId ? call('checkImages.forScan', { scanId }).then((r) => (r.ok ? r.value : null))
      : tender ? call('checkImages.forTender', tender).then((r) => (r.ok ? r.value.pictures : null)) : Promise.resolve(null);
    void got.then((p) => { if (!live) return; if (p) setPictures(p); else setFailed(true); });
    return () => { live = false; };
  }, [key]); // key stands for scanId / tender
  return (
    <figure className="check-images" data-testid="check-images" aria-busy={!pictures && !failed}>
      {pictures?.map((p) => (
        <img key={p.side} src={p.pngDataUrl} width={Math.round(p.widthPx / (small ? 8 : 4))} height={Math.round(p.heightPx / (small ? 8 : 4))} alt={t(`checkImages.${p.side}`)} data-sha256={p.sha256} />
      ))}
      {failed && <figcaption>{t('checkImages.none')}</figcaption>}
    </figure>
  );
}

/** Beside the tender being keyed: the scanned check's images while the check form holds its scan; a poor
 * image offers Rescan or a supervisor's override for a paper deposit. */
export function ScannedCheck() {
  const { t } = useTranslation();
  const kind = useTillUi((s) => s.kind);
  const scanId = useTillUi((s) => s.form.scanId);
  const poor = useTillUi((s) => s.form.scanPoor);
  if (kind !== 'check' || !scanId) return null;
  return (
    <section className="panel scanned-check" aria-labelledby="scanned-check-title">
      <h2 id="scanned-check-title">{t('checkImages.title')}</h2>
      {/* A poor scan shows small, the choice beside it: that is what the cashier acts on. */}
      {poor ? <div className="poor-scan"><CheckImages scanId={scanId} small /><ImageOverride poor={poor} /></div> : <CheckImages scanId={scanId} />}
    </section>
  );
}
