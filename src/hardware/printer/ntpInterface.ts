// node-thermal-printer's "custom interface": it hands execute() the job buffer. Ours runs the job
// protocol over any port (TCP, serial, spooler), and isPrinterConnected() really asks the printer
// (DLE EOT), where the library's own only checks that a socket opens.
import { runJob, type JobHooks, type JobTiming } from './job';
import type { PrinterPort } from './port';
import { isReady } from './status';

export interface JobContext { processId: string; hooks: JobHooks }

export class PortInterface {
  /** Set for the job about to be executed (jobs run one at a time). */
  job: JobContext | null = null;

  constructor(readonly port: PrinterPort, private readonly timing: JobTiming) {}

  getPrinterName(): string { return this.port.address; }

  async isPrinterConnected(): Promise<boolean> {
    try { return isReady(await this.port.status()); } catch { return false; }
  }

  async execute(buffer: Buffer): Promise<string> {
    const job = this.job;
    if (!job) throw new Error('PortInterface.execute without a job context');
    await runJob(this.port, buffer, job.processId, this.timing, job.hooks);
    return 'printed';
  }
}
