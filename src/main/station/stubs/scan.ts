// stubs.scan: what the till adds for a scanned stub — the stub read, its account in the directory,
// its revenue code, the late penalty when it is past due, and whether it was paid today already.
import type { StubScanView } from '../../../shared/contract/stubs';
import { StationError } from '../../../shared/errors';
import { stubKey } from '../../../shared/stubs';
import { getAccount } from '../accounts';
import { catalog } from '../catalogCache';
import type { Station } from '../station';
import { lateOffer } from './late';
import { paidToday } from './paidToday';
import { readStub } from './read';

export function scanStub(station: Station, raw: string, asOf?: string): StubScanView {
  const stub = readStub(station, raw);
  const code = catalog(station).get(stub.revenueCode);
  if (!code || !code.active) throw new StationError('UNKNOWN_REVENUE_CODE', { code: stub.revenueCode }, 'raw.revenueCode');
  let account;
  try {
    account = getAccount(station, stub.accountNumber);
  } catch (e) {
    if (e instanceof StationError && e.code === 'UNKNOWN_ACCOUNT') throw new StationError('STUB_UNKNOWN_ACCOUNT', { account: stub.accountNumber }, 'raw.account');
    throw e;
  }
  const day = station.businessDay();
  return {
    stub, account,
    revenueCode: { code: code.code, nameEn: code.nameEn, nameEs: code.nameEs },
    // A mailed payment is on time when its postmark is: the penalty is judged on the day it counts as made.
    late: lateOffer(station, stub.dueDate, stub.amountCents, asOf && asOf < day ? asOf : day),
    paidToday: paidToday(station, stubKey(stub), day),
  };
}
