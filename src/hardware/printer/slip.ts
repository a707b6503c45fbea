// One validation or endorsement on the slip station, exactly once: the printer checked first, the slip
// selected (ESC c 0), the form waited for on its sensors (DLE EOT 5), the lines printed with a GS ( H
// marker behind them, then the form released (ESC q), its removal waited for, and the roll selected again.
// node-thermal-printer knows no slip station, so these bytes are the driver's own.
import { PrinterNotReady } from './errors';
import { clearBuffers, formIn, paperEndSensors, parseSlipStatus, processIdRequest, releasePaper, selectPaper, SLIP_SENSORS, slipSide, stopSensors, type SlipSensors } from './escpos';
import type { PrinterPort } from './port';
import { faultOf } from './status';

export interface SlipDoc {
  /** validation: the small validation slot; slip: the full slip station (checks, endorsed on their back). */
  paper: 'slip' | 'validation';
  side: 'face' | 'back';
  /** Lines already laid out for the slip's width. */
  lines: string[];
  /** Characters per line of the slip; longer lines are cut. */
  columns: number;
  /** Blank lines fed before the text (where the stamp lands on the form). */
  topFeed: number;
}

export interface SlipTiming { pollMs: number; insertTimeoutMs: number; removeTimeoutMs: number; confirmMs: number }

export interface SlipHooks {
  /** The printer waits for the form (said once). */
  onWaitingForm?(): void;
  onInserted?(): void;
  /** The printed form is released: it may be taken out. */
  onReleased?(): void;
}

/** Why a slip did not print: no form in time, the form pulled out mid-print, or the cashier skipped it. */
export class SlipInterrupted extends Error {
  constructor(readonly reason: 'timeout' | 'removed' | 'skipped' | 'noStation', message: string) {
    super(message);
    this.name = 'SlipInterrupted';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Printable text only (a template or a name can never reach the printer as a command), cut to the width. */
function slipLine(s: string, columns: number): Buffer {
  return Buffer.from(s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?').slice(0, columns), 'latin1');
}

/** The bytes between "form in" and the process-id marker: side, lines, feeds. */
export function slipBody(doc: SlipDoc): Buffer {
  const parts: Buffer[] = [];
  if (doc.paper === 'slip') parts.push(slipSide(doc.side));
  if (doc.topFeed > 0) parts.push(Buffer.of(0x1b, 0x64, Math.min(doc.topFeed, 10))); // ESC d n: down to where the stamp goes
  for (const l of doc.lines) parts.push(slipLine(l, doc.columns), Buffer.of(0x0a));
  return Buffer.concat(parts);
}

export async function runSlipJob(port: PrinterPort, doc: SlipDoc, processId: string, t: SlipTiming, hooks: SlipHooks = {}, aborted: () => boolean = () => false): Promise<void> {
  if (!port.twoWay || !port.slipStatus) throw new SlipInterrupted('noStation', `The printer at ${port.address} cannot report a slip station`);
  const flags = await port.status();
  const fault = faultOf(flags);
  if (fault) throw new PrinterNotReady(fault, flags);
  const sensors = async (): Promise<SlipSensors> => parseSlipStatus(await port.slipStatus!());
  const backToRoll = () => port.write(selectPaper('roll')).catch(() => undefined);

  await port.write(Buffer.concat([selectPaper(doc.paper), paperEndSensors(SLIP_SENSORS), stopSensors(SLIP_SENSORS)]));
  // Wait for the form.
  const until = Date.now() + t.insertTimeoutMs;
  let said = false;
  for (;;) {
    if (aborted()) { await backToRoll(); throw new SlipInterrupted('skipped', 'Skipped by the cashier'); }
    const s = await sensors();
    if (formIn(s)) break;
    if (!said) { hooks.onWaitingForm?.(); said = true; }
    if (Date.now() >= until) {
      await backToRoll();
      throw new SlipInterrupted('timeout', `No form was inserted within ${Math.round(t.insertTimeoutMs / 1000)} s`);
    }
    await sleep(t.pollMs);
  }
  hooks.onInserted?.();

  let finished = false;
  let lost: Error | null = null;
  const done = port.processed(processId).then(() => { finished = true; }, (e: Error) => { lost = e; });
  await port.write(Buffer.concat([slipBody(doc), processIdRequest(processId)]));
  const confirmBy = Date.now() + t.confirmMs;
  while (!finished) {
    await Promise.race([done, sleep(t.pollMs)]);
    if (finished) break;
    if (lost) throw lost;
    const s = await sensors();
    if (!s.tof && !s.bof) {
      // Pulled out mid-print: what the printer still holds must not land on the next form.
      await port.write(clearBuffers()).catch(() => undefined);
      await backToRoll();
      throw new SlipInterrupted('removed', 'The form was taken out before the printing ended');
    }
    if (Date.now() > confirmBy) throw new SlipInterrupted('removed', 'The printer never confirmed the slip');
  }
  await port.write(releasePaper());
  hooks.onReleased?.();
  // The roll is selected once the form is out (or after the wait: the cashier may leave it in).
  const outBy = Date.now() + t.removeTimeoutMs;
  while (Date.now() < outBy) {
    const s = await sensors().catch(() => null);
    if (!s || (!s.tof && !s.bof)) break;
    await sleep(t.pollMs);
  }
  await backToRoll();
}
