// The handler of every contract entry. Input is already validated and the role checked (dispatch.ts).
import type { OpName, ParsedInputOf, ResultOf } from '../../shared/api';
import type { ledgerContract } from '../../shared/contract/ledger';
import type { UserView } from '../../shared/views';
import { approve, signIn, signOut } from './auth';
import { getAccount, searchAccounts } from './accounts';
import { listRevenueCodes, quoteFee } from './catalog';
import { recordMovement } from './movements';
import { postReceipt } from './receipts';
import { receiptIdByNumber, receiptView } from './receiptView';
import { liveSession, openSession, sessionView } from './sessions';
import { SCHEMA_VERSION } from '../db/open';
import { blindSessionView } from './endOfDay/closeout';
import type { Station } from './station';
import { reprintReceipt, voidReceipt } from './voids';
import { changeUser, createUserByAdmin, listUsers } from './users';
import { getSettings, updateSettings } from './settings';

export interface CallContext {
  station: Station;
  /** Present for every operation whose role is not 'public'. */
  user: UserView;
  token: string | undefined;
}

export type Handler<N extends OpName> = (ctx: CallContext, input: ParsedInputOf<N>) => ResultOf<N> | Promise<ResultOf<N>>;
export type Handlers<K extends OpName = OpName> = { [N in K]: Handler<N> };

export const ledgerHandlers: Handlers<keyof typeof ledgerContract> = {
  'station.info': ({ station }) => ({
    stationId: station.stationId, cityName: station.config.cityName, cityAddress: station.config.cityAddress,
    businessDay: station.businessDay(), language: station.config.language, schemaVersion: SCHEMA_VERSION,
    idleLockMinutes: station.config.idleLockMinutes, cashRounding: station.config.cashRounding ?? 'none',
  }),
  'auth.signIn': ({ station }, i) => signIn(station, i.userId, i.pin),
  'auth.signOut': ({ station, token }) => { if (token) signOut(station, token); return { ok: true as const }; },
  'auth.whoAmI': ({ user }) => user,

  'revenueCodes.list': ({ station }, i) => listRevenueCodes(station, i.asOf ?? station.businessDay()),
  'fees.quote': ({ station }, i) => quoteFee(station, i.revenueCode, i.inputs, i.asOf ?? station.businessDay()),

  'accounts.search': ({ station }, i) => searchAccounts(station, i.query, i.limit),
  'accounts.get': ({ station }, i) => getAccount(station, i.accountNumber),

  'session.open': ({ station, user }, i) => openSession(station, user, i.id, i.floatCounts),
  // Blind count: a cashier's view loses the expected cash once the close-out has begun.
  'session.current': ({ station, user }) => { const s = liveSession(station); return s ? blindSessionView(station, user, sessionView(station, s)) : null; },

  'receipt.post': ({ station, user }, i) => postReceipt(station, user, i),
  'receipt.get': ({ station }, i) => receiptView(station, receiptIdByNumber(station, i.receiptNumber)),
  'receipt.list': ({ station }, i) => {
    const sessionId = i.sessionId ?? liveSession(station)?.id;
    const ids = sessionId
      ? station.st.sqlAll<{ id: string }>('SELECT id FROM receipts WHERE session_id = ? ORDER BY seq DESC LIMIT ?', sessionId, i.limit)
      : station.st.sqlAll<{ id: string }>('SELECT id FROM receipts WHERE station_id = ? ORDER BY seq DESC LIMIT ?', station.stationId, i.limit);
    return ids.map((r) => receiptView(station, r.id));
  },
  'receipt.void': ({ station, user }, i) => voidReceipt(station, user, i, approve(station, i.approval, user)),
  'receipt.reprint': ({ station, user }, i) => reprintReceipt(station, user, i),

  'drawer.paidIn': ({ station, user }, i) => recordMovement(station, user, { id: i.id, kind: 'paid_in', amountCents: i.amountCents, reason: i.reason }),
  'drawer.paidOut': ({ station, user }, i) => recordMovement(station, user, { id: i.id, kind: 'paid_out', amountCents: i.amountCents, reason: i.reason, approvedBy: approve(station, i.approval, user) }),
  'drawer.drop': ({ station, user }, i) => recordMovement(station, user, { id: i.id, kind: 'drop', amountCents: i.amountCents, counts: i.counts }),
  'drawer.noSale': ({ station, user }, i) => recordMovement(station, user, { id: i.id, kind: 'no_sale', amountCents: 0, reason: i.reason }),

  'users.list': ({ station }) => listUsers(station),
  'users.create': ({ station, user }, i) => createUserByAdmin(station, user, i),
  'users.setPin': ({ station, user }, i) => changeUser(station, user, i.userId, { pin: i.pin }),
  'users.setActive': ({ station, user }, i) => changeUser(station, user, i.userId, { active: i.active }),
  'users.unlock': ({ station, user }, i) => changeUser(station, user, i.userId, { unlock: true }),

  'settings.get': ({ station }) => getSettings(station),
  'settings.update': ({ station, user }, i) => updateSettings(station, user, i),
};
