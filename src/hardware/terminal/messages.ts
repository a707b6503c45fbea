// nexo Sale-to-POI 3.0 messages in the JSON form of Adyen's Terminal API: the requests the station
// sends and what it reads back from the responses. Amounts travel as decimal numbers in major units
// (RequestedAmount 12.34); the station keeps integer cents and converts exactly with decimal.js.
import Decimal from 'decimal.js';
import { brandFrom, type CardApproval, type EntryMode, type PaymentOutcome, type StatusOutcome } from '../../shared/terminal';

export type Category = 'Payment' | 'TransactionStatus' | 'Abort' | 'Reversal' | 'Reconciliation' | 'Diagnosis';

export interface MessageHeader {
  ProtocolVersion: '3.0'; MessageClass: 'Service'; MessageCategory: Category; MessageType: 'Request' | 'Response';
  SaleID: string; ServiceID: string; POIID: string;
}

export type Json = Record<string, unknown>;

export function header(category: Category, saleId: string, serviceId: string, poiId: string, type: 'Request' | 'Response' = 'Request'): MessageHeader {
  return { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: category, MessageType: type, SaleID: saleId, ServiceID: serviceId, POIID: poiId };
}

/** Cents as the decimal number nexo carries: 1234 → 12.34 (exact: c/100 is the double nearest "12.34"). */
export function toMajor(cents: number): number { return new Decimal(cents).div(100).toNumber(); }

/** A nexo amount back to cents; refuses anything that is not a whole number of cents. */
export function toCents(amount: unknown): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw new Error(`the terminal sent an amount that is not a number of dollars (${String(amount)})`);
  const c = new Decimal(String(amount)).times(100);
  if (!c.isInteger()) throw new Error(`the terminal sent an amount with a fraction of a cent (${String(amount)})`);
  return c.toNumber();
}

export function paymentBody(transactionId: string, at: string, cents: number, currency: string): Json {
  return {
    PaymentRequest: {
      SaleData: { SaleTransactionID: { TransactionID: transactionId, TimeStamp: at } },
      PaymentTransaction: { AmountsReq: { Currency: currency, RequestedAmount: toMajor(cents) } },
    },
  };
}

export function statusBody(saleId: string, serviceId: string): Json {
  return { TransactionStatusRequest: { ReceiptReprintFlag: false, MessageReference: { MessageCategory: 'Payment', SaleID: saleId, ServiceID: serviceId } } };
}

export function abortBody(saleId: string, serviceId: string): Json {
  return { AbortRequest: { AbortReason: 'MerchantAbort', MessageReference: { MessageCategory: 'Payment', SaleID: saleId, ServiceID: serviceId } } };
}

export function reversalBody(transactionId: string, at: string): Json {
  return { ReversalRequest: { OriginalPOITransaction: { POITransactionID: { TransactionID: transactionId, TimeStamp: at } }, ReversalReason: 'MerchantCancel' } };
}

export const reconciliationBody = (): Json => ({ ReconciliationRequest: { ReconciliationType: 'SaleReconciliation' } });
export const diagnosisBody = (): Json => ({ DiagnosisRequest: { HostDiagnosisFlag: false } });

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? v as Json : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

const ENTRY: Record<string, EntryMode> = { ICC: 'chip', SynchronousICC: 'chip', Contactless: 'contactless', RFID: 'contactless', Tapped: 'contactless', Mobile: 'contactless', MagStripe: 'swipe', Keyed: 'keyed', Manual: 'keyed' };

/** "AID=A0000000031010&applicationLabel=VISA CREDIT&…" (Adyen's AdditionalResponse, form-encoded). */
function additional(v: unknown): URLSearchParams {
  return new URLSearchParams(typeof v === 'string' ? v : '');
}

/** The outcome of a PaymentResponse body; the full masked PAN is cut to its last four digits here. */
export function readPayment(body: unknown, requestedCents: number, poiId: string): PaymentOutcome {
  const p = obj(body);
  const resp = obj(p.Response);
  const result = str(resp.Result);
  const extra = additional(resp.AdditionalResponse);
  if (result === 'Success' || result === 'Partial') {
    const pr = obj(p.PaymentResult);
    const card = obj(obj(pr.PaymentInstrumentData).CardData);
    const acq = obj(pr.PaymentAcquirerData);
    const poiTx = obj(obj(p.POIData).POITransactionID);
    const digits = (str(card.MaskedPan) ?? '').replace(/\D/g, '');
    const last4 = digits.slice(-4);
    const authCode = str(acq.ApprovalCode);
    const txId = str(poiTx.TransactionID);
    if (last4.length !== 4 || !authCode || !txId) return { kind: 'failed', reason: 'the terminal approved without a card, an authorisation code or a transaction reference' };
    const approvedCents = obj(pr.AmountsResp).AuthorizedAmount === undefined ? requestedCents : toCents(obj(pr.AmountsResp).AuthorizedAmount);
    const modes = Array.isArray(card.EntryMode) ? card.EntryMode.map(String) : [];
    const receipts = Array.isArray(p.PaymentReceipt) ? p.PaymentReceipt.map(obj) : [];
    const approval: CardApproval = {
      brand: brandFrom(str(card.PaymentBrand) ?? ''),
      last4, maskedPan: `**** **** **** ${last4}`,
      authCode, transactionId: txId, transactionTime: str(poiTx.TimeStamp) ?? '',
      entryMode: ENTRY[modes[0] ?? ''] ?? 'other',
      aid: extra.get('AID'), appLabel: extra.get('applicationLabel') ?? extra.get('applicationPreferredName'),
      terminalId: str(acq.AcquirerPOIID) ?? poiId,
      approvedCents, offline: pr.OnlineFlag === false,
      signatureRequired: receipts.some((r) => r.RequiredSignatureFlag === true),
    };
    if (!/^[A-Za-z0-9]{1,12}$/.test(authCode)) return { kind: 'failed', reason: 'the terminal sent an authorisation code that is not 1 to 12 letters or digits' };
    if (approvedCents <= 0 || approvedCents > requestedCents) return { kind: 'failed', reason: 'the terminal approved an amount other than the one asked for' };
    return { kind: 'approved', approval };
  }
  const cond = str(resp.ErrorCondition) ?? 'Refusal';
  const words = extra.get('refusalReason') ?? extra.get('message') ?? cond;
  if (cond === 'Cancel' || cond === 'Aborted') return { kind: 'cancelled', reason: words };
  if (cond === 'Refusal' || cond === 'NotAllowed' || cond === 'PaymentRestriction') return { kind: 'declined', reason: words };
  return { kind: 'failed', reason: words };
}

/** A TransactionStatusResponse: the repeated payment response, or that it is still going or unknown. */
export function readStatus(body: unknown, requestedCents: number, poiId: string): StatusOutcome {
  const s = obj(body);
  const resp = obj(s.Response);
  if (str(resp.Result) !== 'Success') {
    const cond = str(resp.ErrorCondition);
    if (cond === 'InProgress') return { kind: 'in_progress' };
    if (cond === 'NotFound') return { kind: 'not_found' };
    return { kind: 'failed', reason: cond ?? 'the terminal could not say' };
  }
  const repeated = obj(obj(obj(s.RepeatedMessageResponse).RepeatedResponseMessageBody).PaymentResponse);
  return readPayment(repeated, requestedCents, poiId);
}
