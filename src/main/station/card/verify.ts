// `verify`, invariant 9: every approved card attempt has exactly one receipt or one reversal (a
// reversed charge may sit on a receipt only if that receipt was voided), and every terminal tender is
// the amount its attempt was approved for.
import type { Station } from '../station';

type CheckResult = { finding: { invariant: string; row: string; detail: string } | null; counted: string };
const INV = '9 (every approved card attempt has exactly one receipt or one reversal)';

export function cardAttemptCheck(station: Station): CheckResult {
  const rows = station.st.sqlAll<{ id: string; approved: number; reversed: number; tenders: number; voided: number; mismatched: number }>(`SELECT a.id,
      (SELECT r.approved_cents FROM card_attempt_results r WHERE r.attempt_id = a.id AND r.state = 'approved') AS approved,
      EXISTS (SELECT 1 FROM card_attempt_results r WHERE r.attempt_id = a.id AND r.state = 'reversed') AS reversed,
      (SELECT COUNT(*) FROM tenders t WHERE t.card_attempt_id = a.id) AS tenders,
      EXISTS (SELECT 1 FROM tenders t JOIN voids v ON v.receipt_id = t.receipt_id WHERE t.card_attempt_id = a.id) AS voided,
      EXISTS (SELECT 1 FROM tenders t WHERE t.card_attempt_id = a.id AND t.amount_cents <> (SELECT r.approved_cents FROM card_attempt_results r WHERE r.attempt_id = a.id AND r.state = 'approved')) AS mismatched
    FROM card_attempts a`);
  let approved = 0;
  for (const r of rows) {
    const where = `card attempt ${r.id}`;
    if (r.approved === null) {
      if (r.tenders > 0) return { finding: { invariant: INV, row: where, detail: 'a receipt has a card tender from an attempt the terminal never approved' }, counted: '' };
      continue;
    }
    approved++;
    if (r.mismatched) return { finding: { invariant: INV, row: where, detail: 'the card tender differs from the amount the terminal approved' }, counted: '' };
    if (r.tenders > 1) return { finding: { invariant: INV, row: where, detail: 'the approved charge is on more than one receipt' }, counted: '' };
    if (r.tenders === 0 && !r.reversed) return { finding: { invariant: INV, row: where, detail: 'the approved charge has neither a receipt nor a reversal: resolve it (card.resolve) or refund it at the terminal' }, counted: '' };
    if (r.tenders === 1 && r.reversed && !r.voided) return { finding: { invariant: INV, row: where, detail: 'the charge was reversed but its receipt stands' }, counted: '' };
  }
  return { finding: null, counted: rows.length ? `${approved} approved card attempts` : '' };
}
