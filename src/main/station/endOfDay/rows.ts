// Row types of the end-of-day tables (migrations/0002_end_of_day.ts). Money columns are integer cents.
export interface SessionCountRow {
  id: string; session_id: string; seq: number; counted_by: string; counted_at: string;
  cash_counts: string; cash_cents: number; drop_counts: string; drops_cents: number; expected: string;
  over_short_cents: number; over_short_abs_cents: number; tolerance_cents: number;
}
export interface SessionCountLineRow {
  count_id: string; tender: string; brand: string; expected_count: number | null; expected_cents: number;
  counted_count: number | null; counted_cents: number; over_short_cents: number;
}
export interface SessionCountItemRow {
  count_id: string; item_no: number; status: 'present' | 'missing' | 'extra'; kind: 'check' | 'money_order' | 'other';
  receipt_id: string | null; tender_no: number | null; amount_cents: number; routing: string | null; account: string | null;
  check_number: string | null; reference: string | null; note: string | null;
}
export interface SessionClosureRow {
  id: string; session_id: string; count_id: string; closed_by: string; approved_by: string | null; reason: string | null; closed_at: string;
}
export interface SessionReopeningRow { id: string; session_id: string; count_id: string; reopened_by: string; reason: string; reopened_at: string }
export interface DepositRow {
  id: string; station_id: string; bank_name: string; bank_routing: string; bank_account: string; state: 'draft' | 'prepared' | 'verified';
  created_by: string; created_at: string; available_counts: string; float_kept_counts: string;
  cash_cents: number; checks_cents: number; money_orders_cents: number; total_cents: number;
  bag_number: string | null; prepared_by: string | null; prepared_at: string | null;
  bank_confirmed_cents: number | null; difference_cents: number | null; verified_by: string | null; verified_at: string | null; verify_note: string | null;
  /** Migration 0007: null for deposits made before the station recorded them. */
  float_target_cents: number | null; float_accepted_by: string | null;
  /** Migration 0018. */
  difference_day: string | null;
}
export interface DepositItemRow {
  deposit_id: string; item_no: number; session_id: string; kind: 'check' | 'money_order'; receipt_id: string | null; tender_no: number | null;
  routing: string | null; account: string | null; check_number: string | null; reference: string | null; amount_cents: number; payer_name: string | null;
}
export interface ReturnedCheckRow {
  id: string; receipt_id: string; tender_no: number; amount_cents: number; reason: string; note: string | null; returned_on: string;
  business_day: string; recorded_by: string; recorded_at: string; fee_cents: number; fee_revenue_code: string | null;
  fee_account: string | null; cash_only_until: string | null;
}
export interface ReturnedCheckLineRow { returned_check_id: string; line_no: number; revenue_code: string; account_number: string | null; amount_cents: number }
export interface BusinessDayRow { day: string; closed_at: string; closed_by: string; collections_cents: number }
