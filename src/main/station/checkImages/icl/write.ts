// The X9.100-187-2016 image cash letter for one deposit: file header 01, cash letter header 10, bundles
// (20, then per check 25, 26, 50 + 52 front, 50 + 52 back, then 70), cash letter control 90 and file
// control 99. Each record is preceded by its length as 4 bytes, big-endian; its text is EBCDIC or ASCII
// per the bank, the image data in 52 stays binary. Pure: the same input gives the same bytes.
import type { BankProfile } from '../../../../shared/checkImages';
import { encodeText } from './ebcdic';
import { blank, num, right, text } from './fields';

export interface IclItem {
  routing: string;
  account: string;
  checkNumber: string;
  /** Business checks: the check number in the auxiliary on-us field. */
  auxOnUs?: string | null;
  epc?: string | null;
  amountCents: number;
  front: Buffer;
  back: Buffer | null;
}

export interface IclInput {
  profile: BankProfile;
  /** YYYYMMDD and HHMM of the deposit (not of the moment the file is made: regenerating gives the same bytes). */
  createdDate: string;
  createdTime: string;
  businessDate: string;
  /** Up to 8 letters or digits: the deposit's short id. */
  cashLetterId: string;
  payeeName: string;
  contactName: string;
  contactPhone: string;
  items: IclItem[];
}

export interface IclTotals { items: number; totalCents: number; images: number; bundles: number; records: number }

const STANDARD_LEVEL = '35'; // X9.100-187-2013 and -2016

export function writeIcl(input: IclInput): { bytes: Buffer; totals: IclTotals } {
  const p = input.profile;
  const enc = p.encoding;
  const chunks: Buffer[] = [];
  let records = 0;
  const put = (body: string, binary?: Buffer): void => {
    const head = encodeText(body, enc);
    const len = head.length + (binary?.length ?? 0);
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(len);
    chunks.push(prefix, head);
    if (binary) chunks.push(binary);
    records++;
  };
  const dest = p.destinationRouting, origin = p.originRouting, day = input.businessDate;

  put(['01', STANDARD_LEVEL, p.mode === 'test' ? 'T' : 'P', dest, origin, input.createdDate, input.createdTime, 'N',
    text(p.destinationName, 18), text(p.originName, 18), p.fileIdModifier, 'US', blank(4), blank(1)].join(''));
  put(['10', '01', dest, origin, day, input.createdDate, input.createdTime, 'I', 'G', text(input.cashLetterId, 8),
    text(input.contactName, 14), right(input.contactPhone.replace(/\D/g, '').slice(0, 10), 10).replace(/ /g, '0'), blank(1), blank(1), blank(1), blank(1)].join(''));

  let seq = 0, total = 0, images = 0, bundles = 0;
  for (let b = 0; b < input.items.length; b += p.maxItemsPerBundle) {
    const bundle = input.items.slice(b, b + p.maxItemsPerBundle);
    bundles++;
    put(['20', '01', dest, origin, day, input.createdDate, text(`${input.cashLetterId}${String(bundles).padStart(2, '0')}`, 10), num(bundles, 4), blank(2), blank(9), blank(5), blank(12)].join(''));
    let bTotal = 0, bImages = 0;
    for (const it of bundle) {
      seq++;
      const itemSeq = num(seq, 15);
      const onUs = it.auxOnUs ? `${it.account}/` : `${it.account}/${it.checkNumber}`;
      put(['25', right(it.auxOnUs ?? '', 15), it.epc ?? ' ', it.routing.slice(0, 8), it.routing.slice(8), right(onUs, 20), num(it.amountCents, 10), itemSeq,
        'G', ' ', '1', 'Y', '01', '0', ' '].join(''));
      put(['26', '1', origin, day, itemSeq, text(p.depositAccount, 18), blank(5), text(input.payeeName, 15), 'Y', '2', '0', blank(1), blank(3)].join(''));
      for (const [side, img] of [[0, it.front], [1, it.back]] as const) {
        if (!img) continue;
        put(['50', '1', origin, day, '00', '00', num(img.length, 7), String(side), '00', '0', blank(2), blank(5), blank(7), blank(7), '0', blank(8), blank(1), blank(1), blank(13)].join(''));
        put(['52', origin, day, blank(2), itemSeq, blank(16), blank(16), blank(16), '0', '0000', '0000', '0000', '0000', '0000', '00000', num(img.length, 7)].join(''), img);
        bImages++;
      }
      bTotal += it.amountCents;
    }
    put(['70', num(bundle.length, 4), num(bTotal, 12), num(bTotal, 12), num(bImages, 5), blank(20), blank(1), blank(24)].join(''));
    total += bTotal;
    images += bImages;
  }
  put(['90', num(bundles, 6), num(input.items.length, 8), num(total, 14), num(images, 9), text(p.originName, 18), blank(8), blank(1), blank(14)].join(''));
  records++; // the 99 record counts itself
  put(['99', num(1, 6), num(records, 8), num(input.items.length, 8), num(total, 16), text(input.contactName, 14), right(input.contactPhone.replace(/\D/g, '').slice(0, 10), 10).replace(/ /g, '0'), blank(1), blank(15)].join(''));
  records--; // put() counted it again
  return { bytes: Buffer.concat(chunks), totals: { items: input.items.length, totalCents: total, images, bundles, records } };
}
