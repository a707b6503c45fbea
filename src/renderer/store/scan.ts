// What the till does with a scan: a stub waiting for the cashier's word (the same stub again, a late
// penalty to offer), a receipt found by its QR code, the slips waiting for their form.
import { create } from 'zustand';
import type { StubScanView, StubSettingsView } from '../../shared/contract/stubs';
import type { PrintJobView } from '../../shared/printing';
import type { ReceiptView } from '../../shared/views';
import { call } from '../transport';

interface ScanState {
  settings: StubSettingsView | null;
  /** A scanned stub that needs a confirmation before it is added: on this receipt already, or paid today. */
  pending: { scan: StubScanView; onReceipt: boolean } | null;
  /** The late penalty offered for the line just added from a stub. */
  late: { scan: StubScanView } | null;
  /** A receipt of ours, opened by its QR code. */
  receipt: ReceiptView | null;
  /** Validations and endorsements by job id, as the queue reports them. */
  slips: Record<string, PrintJobView>;
  /** The cashier put the prompt aside for this job (it keeps waiting for its form). */
  hidden: string | null;
  load(): Promise<void>;
  slipEvent(j: PrintJobView): void;
  set(p: Partial<Pick<ScanState, 'pending' | 'late' | 'receipt' | 'hidden'>>): void;
}

export const useScan = create<ScanState>((set, get) => ({
  settings: null,
  pending: null,
  late: null,
  receipt: null,
  slips: {},
  hidden: null,
  async load() {
    const r = await call('stubs.settings', {});
    if (r.ok) set({ settings: r.value });
  },
  slipEvent(j) { set({ slips: { ...get().slips, [j.id]: j } }); },
  set(p) { set(p); },
}));

/** The form the printer waits for now, if any. */
export function waitingSlip(slips: Record<string, PrintJobView>): PrintJobView | null {
  return Object.values(slips).find((j) => j.state === 'printing' && j.waitingReason === 'slipInsert') ?? null;
}
