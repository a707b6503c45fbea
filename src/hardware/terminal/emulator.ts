// A payment terminal emulator for tests and the demo: the terminal side of nexo over HTTPS on loopback,
// with its own certificate and shared key. It keeps a transaction log (status, reversal and
// reconciliation read it) and is scripted per payment: approve, decline, customer cancel, time out
// (hold until aborted), go silent, approve offline, approve part of the amount, ask for a signature,
// or approve and then lose the response. It never sends a full card number, as a real one never does.
import https from 'node:https';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { header, toCents, toMajor, type Category, type Json } from './messages';
import { NonceLog, open, seal, type SecuredMessage, type SecurityKey } from './security';

export type Script =
  | { kind: 'approve'; brand?: string; entry?: string; delayMs?: number }
  | { kind: 'decline'; reason?: string }
  | { kind: 'cancel' }
  /** Holds the request: it ends only when aborted (or the station gives up). */
  | { kind: 'timeout' }
  /** Approves on the terminal, then drops the connection without answering. */
  | { kind: 'lose' }
  | { kind: 'offline' }
  | { kind: 'partial'; approvedCents: number }
  | { kind: 'signature' };

/** A fault put on the next response, for the station's message-security tests. */
export type Fault = 'tamper' | 'wrongKey' | 'replay' | 'otherService' | 'malformed';

/** The test card: its number stays inside the emulator; only the masked form leaves it. */
export const TEST_CARD = { pan: '4761739001010010', masked: '476173******0010', aid: 'A0000000031010', label: 'VISA CREDIT' };

export interface EmulatorTransaction {
  serviceId: string; saleId: string; requestedCents: number;
  state: 'in_progress' | 'approved' | 'declined' | 'cancelled';
  approvedCents: number; transactionId: string | null; brand: string; reversed: boolean;
  response: Json | null;
}

export interface TerminalEmulatorOptions { cert: string; key: string; security: SecurityKey; poiId?: string; port?: number }

export class TerminalEmulator extends EventEmitter {
  readonly poiId: string;
  readonly log = new Map<string, EmulatorTransaction>();
  /** Each payment takes the next script; with none left, it approves. */
  readonly script: Script[] = [];
  readonly faults: Fault[] = [];
  /** A terminal past its reversal window refuses every reversal. */
  refuseReversals = false;
  private server: https.Server;
  private sockets = new Set<Socket>();
  private held = new Map<string, (abort: boolean) => void>();
  private nonces = new NonceLog();
  private lastSent: string | null = null;
  private seq = 0;
  private port = 0;

  constructor(private readonly o: TerminalEmulatorOptions) {
    super();
    this.poiId = o.poiId ?? 'V400m-EMU0001';
    this.server = https.createServer({ cert: o.cert, key: o.key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => { void this.handle(Buffer.concat(chunks).toString('utf8'), res); });
    });
    this.server.on('secureConnection', (s: Socket) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
  }

  async listen(port = this.o.port ?? 0): Promise<void> {
    await new Promise<void>((ok, fail) => { this.server.once('error', fail); this.server.listen(port, '127.0.0.1', () => ok()); });
    this.port = (this.server.address() as { port: number }).port;
  }

  get url(): string { return `https://127.0.0.1:${this.port}/nexo`; }

  /** Approved and not reversed: what a station must have exactly one receipt (or reversal) for. */
  approved(): EmulatorTransaction[] { return [...this.log.values()].filter((t) => t.state === 'approved'); }

  /** Ends every connection and stops listening, as a terminal switched off. */
  async kill(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private async handle(text: string, res: ServerResponse): Promise<void> {
    let plain: Json;
    try {
      const outer = JSON.parse(text) as { SaleToPOIRequest: SecuredMessage };
      const sec = outer.SaleToPOIRequest;
      const opened = open(sec, this.o.security);
      if (!this.nonces.fresh(sec.SecurityTrailer.Nonce)) throw new Error('replayed request');
      plain = (JSON.parse(opened) as { SaleToPOIRequest: Json }).SaleToPOIRequest;
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`refused: ${(e as Error).message}`);
      return;
    }
    const h = plain.MessageHeader as Record<string, string>;
    this.emit('request', { category: h.MessageCategory, serviceId: h.ServiceID, at: process.hrtime.bigint() });
    const reply = (category: Category, body: Json | null): void => {
      if (body === null) { res.writeHead(200).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(this.wrap(category, h, body));
    };
    switch (h.MessageCategory) {
      case 'Payment': return this.payment(h, plain.PaymentRequest as Json, res, reply);
      case 'TransactionStatus': return reply('TransactionStatus', this.status(plain.TransactionStatusRequest as Json));
      case 'Abort': {
        const ref = (plain.AbortRequest as Json).MessageReference as Record<string, string>;
        this.held.get(ref.ServiceID ?? '')?.(true);
        return reply('Abort', null);
      }
      case 'Reversal': return reply('Reversal', this.reversal(plain.ReversalRequest as Json));
      case 'Reconciliation': return reply('Reconciliation', this.reconciliation());
      case 'Diagnosis': return reply('Diagnosis', { DiagnosisResponse: { Response: { Result: 'Success' }, POIStatus: { GlobalStatus: 'OK' } } });
      default: res.writeHead(400).end('unknown category');
    }
  }

  private wrap(category: Category, h: Record<string, string>, body: Json): string {
    const fault = this.faults.shift();
    if (fault === 'replay' && this.lastSent) return this.lastSent;
    if (fault === 'malformed') return '{"SaleToPOIResponse": {';
    const rh = header(category, h.SaleID!, fault === 'otherService' ? 'XXXXXXXXXX' : h.ServiceID!, h.POIID!, 'Response');
    const key = fault === 'wrongKey' ? { ...this.o.security, passphrase: 'not-the-shared-key' } : this.o.security;
    const sealed = seal(rh, JSON.stringify({ SaleToPOIResponse: { MessageHeader: rh, ...body } }), key);
    if (fault === 'tamper') {
      const blob = Buffer.from(sealed.NexoBlob, 'base64');
      blob[blob.length - 20]! ^= 0x01;
      sealed.NexoBlob = blob.toString('base64');
    }
    const text = JSON.stringify({ SaleToPOIResponse: sealed });
    this.lastSent = text;
    return text;
  }

  private payment(h: Record<string, string>, req: Json, res: ServerResponse, reply: (c: Category, b: Json | null) => void): void {
    const amounts = (req.PaymentTransaction as Json).AmountsReq as Json;
    const requestedCents = toCents(amounts.RequestedAmount);
    const currency = String(amounts.Currency ?? 'USD');
    const saleTx = (req.SaleData as Json).SaleTransactionID as Json;
    const step = this.script.shift() ?? { kind: 'approve' };
    const tx: EmulatorTransaction = { serviceId: h.ServiceID!, saleId: h.SaleID!, requestedCents, state: 'in_progress', approvedCents: 0, transactionId: null, brand: 'visa', reversed: false, response: null };
    this.log.set(tx.serviceId, tx);
    const finish = (body: Json, state: EmulatorTransaction['state']): Json => {
      tx.state = state;
      tx.response = body;
      return { PaymentResponse: body };
    };
    const failure = (cond: string, words: string): Json => ({
      Response: { Result: 'Failure', ErrorCondition: cond, AdditionalResponse: new URLSearchParams({ message: words }).toString() },
      SaleData: { SaleTransactionID: saleTx },
    });
    const approval = (opts: { cents: number; brand?: string; entry?: string; offline?: boolean; signature?: boolean }): Json => {
      tx.approvedCents = opts.cents;
      tx.brand = opts.brand ?? 'visa';
      tx.transactionId = `EMU${String(++this.seq).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
      const at = new Date().toISOString();
      return {
        Response: { Result: opts.cents < requestedCents ? 'Partial' : 'Success', AdditionalResponse: new URLSearchParams({ AID: TEST_CARD.aid, applicationLabel: TEST_CARD.label }).toString() },
        SaleData: { SaleTransactionID: saleTx },
        POIData: { POITransactionID: { TransactionID: tx.transactionId, TimeStamp: at } },
        PaymentResult: {
          AmountsResp: { AuthorizedAmount: toMajor(opts.cents), Currency: currency },
          OnlineFlag: !opts.offline,
          PaymentAcquirerData: { AcquirerPOIID: this.poiId, ApprovalCode: String(100000 + this.seq), MerchantID: 'CityOfRiverton' },
          PaymentInstrumentData: { PaymentInstrumentType: 'Card', CardData: { EntryMode: [opts.entry ?? 'ICC'], MaskedPan: TEST_CARD.masked, PaymentBrand: tx.brand } },
        },
        PaymentReceipt: [{ DocumentQualifier: 'CustomerReceipt', RequiredSignatureFlag: opts.signature === true }],
      };
    };
    const send = (body: Json, state: EmulatorTransaction['state']): void => {
      this.held.delete(tx.serviceId);
      if (state === 'approved') this.emit('approved', tx);
      reply('Payment', finish(body, state));
    };
    // A held request ends when the station aborts it; a closed connection leaves it in progress, as a
    // terminal still waiting for a card would be.
    const hold = (): void => {
      this.held.set(tx.serviceId, (abort) => { if (abort) send(failure('Aborted', 'Cancelled at the till'), 'cancelled'); });
    };
    switch (step.kind) {
      case 'approve':
        if (step.delayMs) { setTimeout(() => send(approval({ cents: requestedCents, brand: step.brand, entry: step.entry }), 'approved'), step.delayMs); return; }
        return send(approval({ cents: requestedCents, brand: step.brand, entry: step.entry }), 'approved');
      case 'offline': return send(approval({ cents: requestedCents, offline: true }), 'approved');
      case 'signature': return send(approval({ cents: requestedCents, signature: true, entry: 'MagStripe' }), 'approved');
      case 'partial': return send(approval({ cents: Math.min(step.approvedCents, requestedCents) }), 'approved');
      case 'decline': return send(failure('Refusal', step.reason ?? 'Declined by the card issuer'), 'declined');
      case 'cancel': return send(failure('Cancel', 'Cancelled by the customer'), 'cancelled');
      case 'timeout': return hold();
      case 'lose':
        finish(approval({ cents: requestedCents }), 'approved');
        this.emit('approved', tx);
        res.socket?.destroy();
        return;
    }
  }

  private status(req: Json): Json {
    const ref = req.MessageReference as Record<string, string>;
    const tx = this.log.get(ref.ServiceID ?? '');
    if (!tx || tx.saleId !== ref.SaleID) return { TransactionStatusResponse: { Response: { Result: 'Failure', ErrorCondition: 'NotFound' } } };
    if (tx.state === 'in_progress') return { TransactionStatusResponse: { Response: { Result: 'Failure', ErrorCondition: 'InProgress' } } };
    return {
      TransactionStatusResponse: {
        Response: { Result: 'Success' }, MessageReference: ref,
        RepeatedMessageResponse: { MessageHeader: header('Payment', tx.saleId, tx.serviceId, this.poiId, 'Response'), RepeatedResponseMessageBody: { PaymentResponse: tx.response } },
      },
    };
  }

  private reversal(req: Json): Json {
    const id = ((req.OriginalPOITransaction as Json).POITransactionID as Json).TransactionID;
    const tx = [...this.log.values()].find((t) => t.transactionId === id);
    const no = (cond: string): Json => ({ ReversalResponse: { Response: { Result: 'Failure', ErrorCondition: cond } } });
    if (!tx || tx.state !== 'approved') return no('NotFound');
    if (tx.reversed) return { ReversalResponse: { Response: { Result: 'Success' }, ReversedAmount: toMajor(tx.approvedCents) } };
    if (this.refuseReversals) return no('NotAllowed');
    tx.reversed = true;
    return { ReversalResponse: { Response: { Result: 'Success' }, ReversedAmount: toMajor(tx.approvedCents) } };
  }

  private reconciliation(): Json {
    const by = new Map<string, { n: number; c: number }>();
    for (const t of this.approved()) {
      if (t.reversed) continue;
      const b = by.get(t.brand) ?? { n: 0, c: 0 };
      b.n++; b.c += t.approvedCents;
      by.set(t.brand, b);
    }
    return {
      ReconciliationResponse: {
        Response: { Result: 'Success' }, ReconciliationType: 'SaleReconciliation', POIReconciliationID: String(this.seq),
        TransactionTotals: [...by].map(([brand, v]) => ({ PaymentInstrumentType: 'Card', CardBrand: brand, TransactionCount: v.n, TransactionAmount: toMajor(v.c) })),
      },
    };
  }
}
