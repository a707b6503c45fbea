// The image cash letter, read back by an independent X9.100-187 reader (tests/helpers/x9Reader.ts):
// record order, field positions, the routing check digit, the control totals of 70, 90 and 99, the
// image lengths in 50 and 52 against the TIFF embedded, and the TIFF decoding (utif) to the size and
// dpi stated. Random deposits of 1 to 500 checks; the same deposit gives the same bytes; a deposit's
// file from the station, with the checks that go on paper listed, and refused when an image is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import UTIF from 'utif';
import { unlinkSync, readFileSync, writeFileSync } from 'node:fs';
import { counterMicrLine, ImageScannerEmulator } from '../../../../src/hardware/checkScanner/emulator';
import { encodeG4 } from '../../../../src/hardware/checkScanner/tiff';
import { writeIcl, type IclInput, type IclItem } from '../../../../src/main/station/checkImages/icl/write';
import { captureScan } from '../../../../src/main/station/checkImages/capture';
import { imagePath } from '../../../../src/main/station/checkImages/store';
import { DEFAULT_BANK_PROFILE, type BankProfile } from '../../../../src/shared/checkImages';
import { isValidRouting } from '../../../../src/shared/domain';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { MicrParser } from '../../../../src/hardware/micr/parse';
import { readX9, f, type X9Record } from '../../../helpers/x9Reader';
import { makeStation, PINS, ROUTING, uuid, type TestStation } from '../../../helpers/station';

let front: Buffer, back: Buffer;
beforeAll(async () => {
  ({ front, back } = await ImageScannerEmulator.render({ routing: ROUTING, account: '12345678', checkNumber: '1001', amountCents: 100 }));
});

const ROUTINGS = ['121000358', '021000021', '011000015', '026009593'];

function input(items: IclItem[], profile: Partial<BankProfile> = {}): IclInput {
  return {
    profile: { ...DEFAULT_BANK_PROFILE, ...profile }, createdDate: '20261201', createdTime: '1705', businessDate: '20261201', cashLetterId: 'AB12CD34',
    payeeName: 'City of Riverton', contactName: 'Pat Supervisor', contactPhone: '555-010-2000', items,
  };
}

/** Checks the file's grammar and totals; returns the 25 records' amounts and the images. */
function checkFile(recs: X9Record[], profile: BankProfile, items: IclItem[]): void {
  const types = recs.map((r) => r.type).join(' ');
  // 01 10 (20 (25 26 (50 52)+ )+ 70)+ 90 99
  expect(types).toMatch(/^01 10( 20( 25 26( 50 52)+)+ 70)+ 90 99$/);
  for (const r of recs) if (r.type !== '52') expect(r.length).toBe(80);
  const h = recs[0]!;
  expect([f(h, 3, 4), f(h, 5, 5), f(h, 6, 14), f(h, 15, 23), f(h, 73, 73)]).toEqual(['35', profile.mode === 'test' ? 'T' : 'P', profile.destinationRouting, profile.originRouting, profile.fileIdModifier]);
  let fileItems = 0, fileTotal = 0, fileImages = 0, bundles = 0;
  let bItems = 0, bTotal = 0, bImages = 0, lastImageSize = -1;
  let i = 0;
  for (const r of recs) {
    if (r.type === '20') { bItems = 0; bTotal = 0; bImages = 0; bundles++; expect(Number(f(r, 49, 52))).toBe(bundles); }
    if (r.type === '25') {
      const routing = f(r, 19, 26) + f(r, 27, 27);
      expect(isValidRouting(routing)).toBe(true);
      const it = items[i++]!;
      expect(routing).toBe(it.routing);
      expect(f(r, 28, 47).trim()).toBe(`${it.account}/${it.checkNumber}`);
      expect(Number(f(r, 48, 57))).toBe(it.amountCents);
      expect(Number(f(r, 58, 72))).toBe(i);
      expect(f(r, 77, 78)).toBe('01');
      bItems++; bTotal += Number(f(r, 48, 57));
    }
    if (r.type === '50') lastImageSize = Number(f(r, 25, 31));
    if (r.type === '52') {
      expect(r.image!.length).toBe(lastImageSize);
      expect(Number(f(r, 22, 36))).toBe(i);
      bImages++;
    }
    if (r.type === '70') {
      expect([Number(f(r, 3, 6)), Number(f(r, 7, 18)), Number(f(r, 31, 35))]).toEqual([bItems, bTotal, bImages]);
      expect(bItems).toBeLessThanOrEqual(profile.maxItemsPerBundle);
      fileItems += bItems; fileTotal += bTotal; fileImages += bImages;
    }
  }
  const c90 = recs.at(-2)!, c99 = recs.at(-1)!;
  expect([Number(f(c90, 3, 8)), Number(f(c90, 9, 16)), Number(f(c90, 17, 30)), Number(f(c90, 31, 39))]).toEqual([bundles, fileItems, fileTotal, fileImages]);
  expect([Number(f(c99, 3, 8)), Number(f(c99, 9, 16)), Number(f(c99, 17, 24)), Number(f(c99, 25, 40))]).toEqual([1, recs.length, fileItems, fileTotal]);
  expect(fileItems).toBe(items.length);
  expect(fileTotal).toBe(items.reduce((s, x) => s + x.amountCents, 0));
}

describe('image cash letter, read back record by record', () => {
  it('random deposits of 1 to 500 checks: order, positions, check digits and control totals', () => {
    const seen: number[] = [];
    fc.assert(fc.property(
      fc.array(fc.record({ r: fc.integer({ min: 0, max: 3 }), account: fc.stringMatching(/^\d{4,12}$/), n: fc.integer({ min: 1, max: 999_999 }), cents: fc.integer({ min: 1, max: 99_999_999 }), back: fc.boolean() }), { minLength: 1, maxLength: 500, size: 'max' }),
      fc.integer({ min: 1, max: 300 }), fc.constantFrom('ebcdic' as const, 'ascii' as const),
      (specs, perBundle, encoding) => {
        const items: IclItem[] = specs.map((s) => ({ routing: ROUTINGS[s.r]!, account: s.account, checkNumber: String(s.n), amountCents: s.cents, front, back: s.back ? back : null }));
        const profile = { ...DEFAULT_BANK_PROFILE, maxItemsPerBundle: perBundle, encoding };
        const { bytes, totals } = writeIcl(input(items, profile));
        checkFile(readX9(bytes, encoding), profile, items);
        expect(totals.items).toBe(items.length);
        seen.push(items.length);
      }), { numRuns: 25 });
    // The runs reach large deposits, not only the small ones a generator prefers.
    expect(Math.max(...seen)).toBeGreaterThan(100);
  });

  it('embeds TIFFs that decode to the size and dpi the check was imaged at', () => {
    const { bytes } = writeIcl(input([{ routing: ROUTING, account: '12345678', checkNumber: '1001', amountCents: 100, front, back }]));
    const images = readX9(bytes, 'ebcdic').filter((r) => r.type === '52').map((r) => r.image!);
    expect(images.map((b) => b.equals(front) || b.equals(back))).toEqual([true, true]);
    for (const img of images) {
      const ifd = UTIF.decode(img)[0]!;
      expect([ifd.t256?.[0], ifd.t257?.[0], ifd.t282?.[0], ifd.t259?.[0]]).toEqual([1200, 550, 200, 4]);
    }
  });

  it('is the same bytes when made again, and ASCII differs from EBCDIC only in its text', () => {
    const items = [{ routing: ROUTING, account: '12345678', checkNumber: '1001', amountCents: 100, front, back }];
    const a = writeIcl(input(items)).bytes, b = writeIcl(input(items)).bytes;
    expect(a.equals(b)).toBe(true);
    const ascii = writeIcl(input(items, { encoding: 'ascii' })).bytes;
    expect(readX9(ascii, 'ascii').map((r) => r.text)).toEqual(readX9(a, 'ebcdic').map((r) => r.text));
    expect(a.subarray(4, 6)).toEqual(Buffer.from([0xf0, 0xf1]));
    expect(ascii.subarray(4, 6).toString('latin1')).toBe('01');
  });
});

describe('a deposit as an image cash letter', () => {
  let t: TestStation;
  let depositId: string;
  const parser = new MicrParser();
  afterAll(() => t?.cleanup());

  const scanned = async (checkNumber: string, amountCents: number, images?: { front: Buffer; back: Buffer }) => {
    const spec = { routing: ROUTING, account: '12345678', checkNumber, amountCents };
    const im = images ?? await ImageScannerEmulator.render(spec);
    return captureScan(t.station, { deviceId: 'scan1', at: t.station.nowIso(), read: parser.parse(counterMicrLine(spec)), ...im });
  };

  beforeAll(async () => {
    t = await makeStation();
    const s = (await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT })).id;
    const white = await encodeG4(Buffer.alloc(1200 * 550, 255), 1200, 550, 200);
    const plan: [string, number, 'image' | 'paperOnly' | 'keyed'][] = [['2001', 12_345, 'image'], ['2002', 6_000, 'image'], ['2003', 990, 'paperOnly'], ['2004', 5_000, 'keyed']];
    const tenders: { receiptNumber: string }[] = [];
    for (const [n, cents, how] of plan) {
      const scan = how === 'keyed' ? null : await scanned(n, cents, how === 'paperOnly' ? { front: white, back: white } : undefined);
      tenders.push(await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: cents }], tenders: [{ kind: 'check', amountCents: cents, routing: ROUTING, account: '12345678', checkNumber: n,
        ...(scan ? { scanId: scan.scanId } : {}), ...(how === 'paperOnly' ? { imageOverride: { userId: 'supervisor', pin: PINS.supervisor } } : {}) }] }));
    }
    await t.ok('closeout.count', { id: uuid(), cash: STANDARD_FLOAT, items: tenders.map((r) => ({ receiptNumber: r.receiptNumber, tenderNo: 1, present: true })) });
    depositId = (await t.ok('deposit.create', { id: uuid(), sessionIds: [s] }, 'supervisor')).id!;
  });

  it('sends the checks with good images and lists the ones that go on paper; made again, the same bytes', async () => {
    const icl = await t.ok('checkImages.icl', { depositId }, 'supervisor');
    expect(icl).toMatchObject({ items: 2, totalCents: 18_345, bundles: 1 });
    expect(icl.paperItems.map((p) => [p.checkNumber, p.why])).toEqual([['2003', 'paperOnly'], ['2004', 'noImage']]);
    const recs = readX9(Buffer.from(icl.base64, 'base64'), 'ebcdic');
    expect(recs.filter((r) => r.type === '25').map((r) => f(r, 28, 47).trim())).toEqual(['12345678/2001', '12345678/2002']);
    expect(Number(f(recs.at(-1)!, 25, 40))).toBe(18_345);
    const again = await t.ok('checkImages.icl', { depositId }, 'supervisor');
    expect(again.base64).toBe(icl.base64);
    expect(t.station.st.sqlGet<{ n: number }>('SELECT count(*) AS n FROM icl_files')!.n).toBe(2);
  });

  it('refuses, naming the check, when an image is missing; a bank profile with a bad routing number is refused', async () => {
    const sha = t.station.st.sqlGet<{ s: string }>("SELECT ti.front_sha256 AS s FROM tender_images ti JOIN tenders t ON t.receipt_id = ti.receipt_id AND t.tender_no = ti.tender_no WHERE t.check_number = '2002'")!.s;
    const path = imagePath(t.station, sha);
    const keep = readFileSync(path);
    unlinkSync(path);
    const r = await t.call('checkImages.icl', { depositId }, 'supervisor');
    expect(!r.ok && r.error.code).toBe('ICL_NOT_EXACT');
    expect(!r.ok && r.error.message).toContain('check 2002');
    writeFileSync(path, keep);
    const bad = await t.call('checkImages.setBankProfile', { destinationRouting: '021000022' }, 'admin');
    expect(!bad.ok && bad.error.field).toBe('destinationRouting');
    const good = await t.ok('checkImages.setBankProfile', { destinationRouting: '011000015', encoding: 'ascii' }, 'admin');
    expect(good.destinationRouting).toBe('011000015');
    const icl = await t.ok('checkImages.icl', { depositId }, 'supervisor');
    expect(f(readX9(Buffer.from(icl.base64, 'base64'), 'ascii')[0]!, 6, 14)).toBe('011000015');
  });
});
