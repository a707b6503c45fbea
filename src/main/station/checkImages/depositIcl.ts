// A deposit's checks as an image cash letter: every check with good images goes in the file, the
// rest (no image, or a supervisor's paper-only override) go on paper and are listed. Refused, with the
// item named, when it cannot be exact: a check voided after the deposit was made, an image missing or
// changed on disk. The file's dates are the deposit's, so making it again gives the same bytes.
import { randomUUID } from 'node:crypto';
import type { IclFileView } from '../../../shared/checkImages';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import { MicrParser } from '../../../hardware/micr/parse';
import { localDateTime } from '../../../hardware/forms/layout';
import type { Station } from '../station';
import { bankProfile } from './bankProfile';
import { writeIcl, type IclItem } from './icl/write';
import { getImage, sha256Hex } from './store';

const parser = new MicrParser();

interface ItemRow {
  item_no: number; receipt_id: string | null; tender_no: number | null; routing: string | null; account: string | null; check_number: string | null;
  amount_cents: number; receipt_number: string | null; front_sha256: string | null; back_sha256: string | null; paper_only: number | null;
  micr_raw: string | null; voided: number;
}

export function depositIcl(station: Station, user: UserView, depositId: string): IclFileView {
  const k = station.kysely;
  const dep = station.st.get<{ id: string; created_at: string; state: string }>(k.selectFrom('deposits').select(['id', 'created_at', 'state']).where('id', '=', depositId));
  if (!dep) throw new StationError('DEPOSIT_NOT_FOUND', { deposit: depositId }, 'depositId');
  const rows = station.st.all<ItemRow>(k.selectFrom('deposit_items as d')
    .leftJoin('receipts as r', 'r.id', 'd.receipt_id')
    .leftJoin('tender_images as ti', (j) => j.onRef('ti.receipt_id', '=', 'd.receipt_id').onRef('ti.tender_no', '=', 'd.tender_no'))
    .leftJoin('check_scans as cs', 'cs.id', 'ti.scan_id')
    .select(['d.item_no', 'd.receipt_id', 'd.tender_no', 'd.routing', 'd.account', 'd.check_number', 'd.amount_cents', 'r.receipt_number',
      'ti.front_sha256', 'ti.back_sha256', 'ti.paper_only', 'cs.micr_raw'])
    .select((eb) => eb.exists(eb.selectFrom('voids as v').select('v.id').whereRef('v.receipt_id', '=', 'd.receipt_id')).as('voided'))
    .where('d.deposit_id', '=', depositId).where('d.kind', '=', 'check').orderBy('d.item_no'));
  const items: IclItem[] = [];
  const paperItems: IclFileView['paperItems'] = [];
  for (const r of rows) {
    const name = `check ${r.check_number ?? '?'} of ${r.receipt_number ?? 'the count'} (item ${r.item_no})`;
    if (r.voided) throw new StationError('ICL_NOT_EXACT', { item: name, why: 'voided after the deposit was made' });
    if (!r.front_sha256 || r.paper_only) {
      paperItems.push({ receiptNumber: r.receipt_number ?? '', tenderNo: r.tender_no ?? 0, checkNumber: r.check_number ?? '', amountCents: r.amount_cents, why: r.front_sha256 ? 'paperOnly' : 'noImage' });
      continue;
    }
    const front = getImage(station, r.front_sha256);
    const back = r.back_sha256 ? getImage(station, r.back_sha256) : null;
    for (const [side, got] of [['front', front], ['back', back]] as const) {
      if (got && !got.ok) throw new StationError('ICL_NOT_EXACT', { item: name, why: `${side} image ${got.why}` });
    }
    const read = r.micr_raw ? parser.parse(r.micr_raw) : null;
    const business = read?.ok && read.check.layout === 'business';
    items.push({
      routing: r.routing!, account: r.account!, checkNumber: r.check_number!, amountCents: r.amount_cents,
      auxOnUs: business ? read.check.checkNumber.padStart(read.check.auxOnUs?.length ?? 0, '0') : null, epc: read?.ok ? (read.check.epc ?? null) : null,
      front: (front as { bytes: Buffer }).bytes, back: back && back.ok ? back.bytes : null,
    });
  }
  if (items.length === 0) throw new StationError('ICL_NO_CHECKS');
  const profile = bankProfile(station);
  const [date, time] = localDateTime(dep.created_at, station.config.timeZone).split(' ') as [string, string];
  const ymd = date.replace(/-/g, '');
  const cashLetterId = dep.id.replace(/-/g, '').slice(0, 8).toUpperCase();
  const { bytes, totals } = writeIcl({
    profile, createdDate: ymd, createdTime: time.replace(':', ''), businessDate: ymd, cashLetterId,
    payeeName: station.config.cityName, contactName: user.name, contactPhone: '', items,
  });
  const sha = sha256Hex(bytes);
  const fileName = `ICL-${station.stationId}-${ymd}-${cashLetterId}-${profile.mode === 'test' ? 'T' : 'P'}.x9`;
  station.commit(() => {
    const id = randomUUID();
    station.st.run(station.kysely.insertInto('icl_files').values({
      id, deposit_id: depositId, created_at: station.nowIso(), created_by: user.id, file_name: fileName, sha256: sha, bytes: bytes.length,
      items: totals.items, total_cents: totals.totalCents, profile: JSON.stringify(profile),
    }));
    station.record('icl.made', id, { depositId, fileName, sha256: sha, items: totals.items, totalCents: totals.totalCents, images: totals.images }, station.nowIso(), { sync: false });
  });
  return { fileName, base64: bytes.toString('base64'), sha256: sha, bytes: bytes.length, items: totals.items, totalCents: totals.totalCents, bundles: totals.bundles, paperItems };
}
