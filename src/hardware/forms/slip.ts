// A validation or endorsement as the slip station prints it: the template's lines, a COPY mark on a
// second print, feeds and a line limit that suit the form.
import type { SlipPrint } from '../../shared/slips';
import type { SlipDoc } from '../printer/slip';
import type { Lang } from './doc';

/** A validation slot takes a few lines; a check's back a few more. */
export const SLIP_MAX_LINES = { validation: 6, endorsement: 8 } as const;

export function slipDoc(p: SlipPrint, lang: Lang, columns: number): SlipDoc {
  const mark = lang === 'es' ? '*** COPIA ***' : '*** COPY ***';
  const lines = (p.copy ? [...p.lines, mark] : p.lines).slice(0, SLIP_MAX_LINES[p.kind]);
  // Validation goes on the face of the stub in the validation slot; an endorsement on the back of the check.
  return p.kind === 'validation'
    ? { paper: 'validation', side: 'face', lines, columns, topFeed: 1 }
    : { paper: 'slip', side: 'back', lines, columns, topFeed: 2 };
}
