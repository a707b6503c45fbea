// How job bytes reach a printer, and what it can tell us back.
import type { PrinterFlags } from './status';

export interface PrinterPort {
  readonly address: string;
  /** Two-way ports answer DLE EOT and GS ( H; the OS spooler is one-way. */
  readonly twoWay: boolean;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  /** The printer's condition now. Throws PrinterNotReady('unreachable' | 'notAnswering'). */
  status(): Promise<PrinterFlags>;
  /** Hands over one job's bytes; resolves when the port has taken them all. */
  write(bytes: Buffer): Promise<void>;
  /** Resolves when the printer reports it has processed everything up to process id `id` (two-way only). */
  processed(id: string): Promise<void>;
  /** The slip station's sensors (DLE EOT 5), as the raw reply byte; two-way ports only. */
  slipStatus?(): Promise<number>;
  /** Called when an open link goes away. */
  onLost: (() => void) | null;
}
