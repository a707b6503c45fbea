// The nexo Sale-to-POI driver (Adyen Terminal API, local): HTTPS POST of a secured SaleToPOIRequest to
// the terminal on the counter's LAN, its certificate pinned, every response decrypted, its HMAC and
// nonce checked, and its header matched to the request (same SaleID, ServiceID, POIID and category)
// before anything is read from it.
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { PaymentOutcome, StatusOutcome } from '../../shared/terminal';
import { abortBody, diagnosisBody, header, paymentBody, readPayment, readStatus, reconciliationBody, reversalBody, statusBody, toCents, type Category, type Json } from './messages';
import { NonceLog, open, seal, SecurityError, type SecuredMessage, type SecurityKey } from './security';
import { CertificateRefused, PinnedAgent } from './pinnedAgent';
import { TerminalError, type BrandTotal, type PaymentAsk, type PaymentTerminal } from './terminal';

export interface NexoSettings {
  /** https://host:port/nexo */
  url: string;
  poiId: string;
  /** Who the station is to the terminal: its station ID. */
  saleId: string;
  key: SecurityKey;
  /** SHA-256 fingerprint of the terminal's certificate, 64 hex digits. */
  certificatePin: string;
  currency?: string;
  /** How long a payment may wait for the customer [150 s]. */
  paymentTimeoutMs?: number;
  /** Any other request [10 s]. */
  requestTimeoutMs?: number;
  /** Told every refused response, in words (the station logs them). */
  onRefused?: (why: string) => void;
}

/** A fresh ServiceID: nexo allows 10 characters; unique per request of this sale system. */
export function newServiceId(): string { return randomBytes(5).toString('hex'); }

export class NexoTerminal implements PaymentTerminal {
  private readonly agent: PinnedAgent;
  private readonly nonces = new NonceLog();
  private readonly url: URL;
  constructor(private readonly s: NexoSettings) {
    this.url = new URL(s.url);
    if (this.url.protocol !== 'https:') throw new Error('the terminal address must be https://');
    this.agent = new PinnedAgent(s.certificatePin.toLowerCase());
  }

  async pay(ask: PaymentAsk): Promise<PaymentOutcome> {
    const body = await this.exchange('Payment', ask.serviceId, paymentBody(ask.transactionId, ask.at, ask.amountCents, this.s.currency ?? 'USD'), this.s.paymentTimeoutMs ?? 150_000);
    return readPayment(body.PaymentResponse, ask.amountCents, this.s.poiId);
  }

  async status(serviceId: string, requestedCents: number): Promise<StatusOutcome> {
    const body = await this.exchange('TransactionStatus', newServiceId(), statusBody(this.s.saleId, serviceId), this.s.requestTimeoutMs ?? 10_000);
    return readStatus(body.TransactionStatusResponse, requestedCents, this.s.poiId);
  }

  async abort(serviceId: string): Promise<void> {
    // The terminal answers an abort with an empty body; the payment request itself then ends "Aborted".
    await this.exchange('Abort', newServiceId(), abortBody(this.s.saleId, serviceId), this.s.requestTimeoutMs ?? 10_000, true);
  }

  async reverse(transactionId: string, at: string): Promise<{ reversed: boolean; reason: string | null }> {
    const body = await this.exchange('Reversal', newServiceId(), reversalBody(transactionId, at), this.s.requestTimeoutMs ?? 10_000);
    const resp = (body.ReversalResponse as Json | undefined)?.Response as Json | undefined;
    if (resp?.Result === 'Success') return { reversed: true, reason: null };
    return { reversed: false, reason: String(resp?.ErrorCondition ?? 'the terminal did not say why') };
  }

  async reconcile(): Promise<BrandTotal[]> {
    const body = await this.exchange('Reconciliation', newServiceId(), reconciliationBody(), this.s.requestTimeoutMs ?? 10_000);
    const r = body.ReconciliationResponse as Json | undefined;
    if ((r?.Response as Json | undefined)?.Result !== 'Success') throw new TerminalError('malformed', 'the terminal refused the reconciliation', true);
    const totals = Array.isArray(r?.TransactionTotals) ? r.TransactionTotals as Json[] : [];
    return totals.map((t) => ({ brand: String(t.CardBrand ?? 'other'), count: Number(t.TransactionCount ?? 0), totalCents: toCents(t.TransactionAmount ?? 0) }));
  }

  async diagnose(): Promise<{ ok: boolean; status: string }> {
    const body = await this.exchange('Diagnosis', newServiceId(), diagnosisBody(), this.s.requestTimeoutMs ?? 10_000);
    const d = body.DiagnosisResponse as Json | undefined;
    const status = String(((d?.POIStatus as Json | undefined)?.GlobalStatus) ?? 'Unknown');
    return { ok: (d?.Response as Json | undefined)?.Result === 'Success' && status === 'OK', status };
  }

  close(): void { this.agent.destroy(); }

  /** One request and its checked response body (the message under SaleToPOIResponse, header removed). */
  private async exchange(category: Category, serviceId: string, body: Json, timeoutMs: number, emptyOk = false): Promise<Json> {
    const h = header(category, this.s.saleId, serviceId, this.s.poiId);
    const plain = JSON.stringify({ SaleToPOIRequest: { MessageHeader: h, ...body } });
    const wire = JSON.stringify({ SaleToPOIRequest: seal(h, plain, this.s.key) });
    const text = await this.post(wire, timeoutMs);
    if (emptyOk && text.trim() === '') return {};
    return this.check(text, category, serviceId);
  }

  private refuse(why: string): never {
    this.s.onRefused?.(why);
    throw new TerminalError('refused', why, true);
  }

  private check(text: string, category: Category, serviceId: string): Json {
    let outer: { SaleToPOIResponse?: SecuredMessage };
    try { outer = JSON.parse(text) as typeof outer; } catch { this.refuse('the terminal sent a response that is not JSON'); }
    const secured = outer.SaleToPOIResponse;
    if (!secured || typeof secured !== 'object') this.refuse('the terminal sent a response without a SaleToPOIResponse');
    let inner: { SaleToPOIResponse?: Json };
    try {
      const plainText = open(secured, this.s.key);
      if (!this.nonces.fresh(secured.SecurityTrailer.Nonce)) this.refuse('the terminal sent a response seen before (a replay)');
      inner = JSON.parse(plainText) as typeof inner;
    } catch (e) {
      if (e instanceof TerminalError) throw e;
      this.refuse(e instanceof SecurityError ? e.message : 'the terminal sent a secured response that is not JSON');
    }
    const msg = inner.SaleToPOIResponse;
    const mh = msg?.MessageHeader as Json | undefined;
    if (!msg || !mh) this.refuse('the terminal sent a response without a message header');
    if (mh.ServiceID !== serviceId || mh.SaleID !== this.s.saleId || mh.POIID !== this.s.poiId || mh.MessageCategory !== category || mh.MessageType !== 'Response') {
      this.refuse(`the terminal answered another request (service ${String(mh.ServiceID)}, ${String(mh.MessageCategory)}) than the one sent (${serviceId}, ${category})`);
    }
    return msg;
  }

  private post(wire: string, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      let sent = false;
      const req = https.request(this.url, {
        method: 'POST', agent: this.agent, timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(wire) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => reject(new TerminalError('timeout', 'the connection to the terminal broke during its answer', true)));
        res.on('end', () => {
          if (!res.complete) return reject(new TerminalError('timeout', 'the connection to the terminal broke during its answer', true));
          if (res.statusCode !== 200) return reject(new TerminalError('malformed', `the terminal answered HTTP ${res.statusCode}`, true));
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
      req.on('finish', () => { sent = true; });
      req.on('timeout', () => req.destroy(new TerminalError('timeout', `the terminal gave no answer in ${Math.round(timeoutMs / 1000)} s`, true)));
      req.on('error', (e) => {
        if (e instanceof TerminalError) return reject(e);
        if (e instanceof CertificateRefused) { this.s.onRefused?.(e.message); return reject(new TerminalError('refused', e.message, false)); }
        reject(sent ? new TerminalError('timeout', `the connection to the terminal broke before it answered (${e.message})`, true)
          : new TerminalError('unreachable', `the terminal at ${this.url.host} does not answer (${(e as NodeJS.ErrnoException).code ?? e.message})`, false));
      });
      req.end(wire);
    });
  }
}

