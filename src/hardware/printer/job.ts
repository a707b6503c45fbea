// One print job through a port, exactly once: check the printer first (nothing is sent to a printer
// that cannot print it), send the job with a GS ( H marker behind it, and wait until the printer says
// it got there — telling the caller while it waits on a cover, paper or an error.
import { PrinterNotReady, PrintUncertain } from './errors';
import { processIdRequest } from './escpos';
import type { PrinterPort } from './port';
import { faultOf, type FaultReason, type PrinterFlags } from './status';

export interface JobHooks {
  /** The printer stopped in the middle of this job (or stopped answering); it will finish when fixed. */
  onWaiting?(reason: FaultReason, flags: PrinterFlags | null): void;
  /** It is printing again. */
  onResumed?(): void;
}

export interface JobTiming {
  /** How often to ask for status while waiting for the end of the job [250 ms]. */
  pollMs: number;
  /** Ready all this time and still no confirmation: give up and let a person decide [15 s]. */
  confirmMs: number;
  /** 'processId': wait for GS ( H; 'none': printers without it — sent is taken as printed. */
  completion: 'processId' | 'none';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runJob(port: PrinterPort, bytes: Buffer, processId: string, timing: JobTiming, hooks: JobHooks = {}): Promise<void> {
  const flags = await port.status();
  const fault = faultOf(flags);
  if (fault) throw new PrinterNotReady(fault, flags);
  if (!port.twoWay || timing.completion === 'none') {
    await port.write(bytes);
    return;
  }
  let finished = false;
  let lost: Error | null = null;
  const done = port.processed(processId).then(() => { finished = true; }, (e: Error) => { lost = e; });
  try {
    await port.write(Buffer.concat([bytes, processIdRequest(processId)]));
  } catch (e) {
    throw new PrintUncertain('connectionLost', `The connection to the printer failed while sending: ${e instanceof Error ? e.message : String(e)}. Check whether it printed.`);
  }
  let waitingOn: FaultReason | null = null;
  let readySince = Date.now();
  for (;;) {
    await Promise.race([done, sleep(timing.pollMs)]);
    if (finished) { if (waitingOn) hooks.onResumed?.(); return; }
    if (lost) throw new PrintUncertain('connectionLost', 'The connection to the printer dropped before it confirmed the job. Check whether it printed.');
    let now: PrinterFlags | null = null;
    let reason: FaultReason | null;
    try {
      now = await port.status();
      reason = faultOf(now);
    } catch (e) {
      if (lost) continue; // reported on the next turn
      reason = e instanceof PrinterNotReady ? e.reason : 'notAnswering';
    }
    if (reason) {
      if (reason !== waitingOn) hooks.onWaiting?.(reason, now);
      waitingOn = reason;
      readySince = Date.now();
    } else {
      if (waitingOn) { hooks.onResumed?.(); waitingOn = null; readySince = Date.now(); }
      if (Date.now() - readySince > timing.confirmMs) {
        throw new PrintUncertain('unconfirmed', 'The printer is ready but never confirmed the job. Check whether it printed.');
      }
    }
  }
}
