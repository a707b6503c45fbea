// What DLE EOT replies mean, and how to say it to a cashier.

export interface PrinterFlags {
  /** Not printing: any cause below, or the printer holds itself offline. */
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** An error stopped the printer (cutter jam, head too hot, hardware fault). */
  error: boolean;
  /** Drawer kick-out connector pin 3 is high; whether that means open depends on the drawer (a setting). */
  drawerPinHigh: boolean;
}

/** Every status reply byte has bit 1 and bit 4 set, bits 0 and 7 clear. */
export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

export function parseStatus(r1: number, r2: number, r3: number, r4: number): PrinterFlags {
  return {
    offline: (r1 & 0x08) !== 0,
    drawerPinHigh: (r1 & 0x04) !== 0,
    coverOpen: (r2 & 0x04) !== 0,
    paperOut: (r2 & 0x20) !== 0 || (r4 & 0x60) === 0x60,
    error: (r2 & 0x40) !== 0 || (r3 & 0x68) !== 0,
    paperNearEnd: (r4 & 0x0c) === 0x0c,
  };
}

export const isReady = (f: PrinterFlags): boolean => !f.offline && !f.coverOpen && !f.paperOut && !f.error;

export type FaultReason = 'unreachable' | 'notAnswering' | 'coverOpen' | 'paperOut' | 'error' | 'offline';

export function faultOf(f: PrinterFlags): FaultReason | null {
  if (f.coverOpen) return 'coverOpen';
  if (f.paperOut) return 'paperOut';
  if (f.error) return 'error';
  if (f.offline) return 'offline';
  return null;
}

const WORDS: Record<FaultReason, { en: string; es: string }> = {
  unreachable: { en: 'Printer not reachable: check its cable and power', es: 'Impresora no disponible: revise el cable y la corriente' },
  notAnswering: { en: 'Printer not answering', es: 'La impresora no responde' },
  coverOpen: { en: 'Printer cover open', es: 'Tapa de la impresora abierta' },
  paperOut: { en: 'Printer out of paper', es: 'Impresora sin papel' },
  error: { en: 'Printer error: check the cutter and paper path', es: 'Error de impresora: revise la cuchilla y el papel' },
  offline: { en: 'Printer offline', es: 'Impresora fuera de línea' },
};

export function describeFault(reason: FaultReason, lang: 'en' | 'es' = 'en'): string {
  return WORDS[reason][lang];
}
