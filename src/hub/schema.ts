// Row types of the hub's tables (migrations/hub), for kysely.
import type { Generated } from 'kysely';

export interface HubDB {
  hub_settings: { key: string; value: string };
  admin_tokens: { token_hash: string; created_at: string };
  stations: { station_id: string; name: string; secret_hash: string | null; acked_seq: number; enrolled_at: string | null; last_push_at: string | null };
  enrolment_codes: { code_hash: string; station_id: string; created_at: string; expires_at: string; used_at: string | null; allow_rewind: Generated<boolean>; request_id: string | null };
  enrolment_failures: { id: Generated<number>; client: string; at: string };
  station_takeovers: { id: Generated<number>; station_id: string; at: string; station_last_seq: number; hub_acked_seq: number; rewound: boolean; exception_id: number | null };
  events: { station_id: string; seq: number; event_id: string; kind: string; at: string; payload: string; received_at: string };
  accounts: { account_number: string; name: string; service_address: string; status: string; balance_cents: number; cash_only_until: string | null; version: number; updated_at: string };
  revenue_codes: { code: string; name_en: string; name_es: string; gl_account: string; category: string; requires_account: boolean; active: boolean; sort: number; version: number };
  fee_schedules: { revenue_code: string; effective_from: string; rule: string; version: number };
  users: { id: string; name: string; role: string; pin_hash: string; active: boolean; version: number };
  batches: { session_id: string; station_id: string; batch_number: string; source: string; business_day: string; control_count: number; control_cents: number; bank_deposit_cents: number | null; event_seq: number };
  batch_items: { receipt_id: string; station_id: string; session_id: string; item_no: number; collection_point: string; date_received: string; postmark_date: string | null; tender_detail: string; source_ref: string | null; event_seq: number };
  sessions: { session_id: string; station_id: string; cashier_id: string; business_day: string; opened_at: string; float_cents: number };
  receipts: {
    receipt_id: string; station_id: string; seq: number; receipt_number: string; session_id: string; cashier_id: string; business_day: string;
    created_at: string; payer_name: string | null; total_cents: number; tendered_cents: number; change_cents: number; event_id: string;
    /** 0011: what the cash was rounded by; tenders − change = total + it. */
    cash_rounding_cents?: number;
  };
  receipt_lines: { receipt_id: string; line_no: number; revenue_code: string; gl_account: string; account_number: string | null; amount_cents: number };
  tenders: {
    receipt_id: string; tender_no: number; kind: string; amount_cents: number; check_routing: string | null; check_account: string | null;
    check_number: string | null; card_brand: string | null; card_last4: string | null; card_auth: string | null; reference: string | null;
  };
  voids: { void_id: string; receipt_id: string; station_id: string; user_id: string; approved_by: string; reason: string; at: string };
  offline_receipts: { receipt_id: string; directory_as_of: string | null };
  drawer_movements: { id: string; station_id: string; session_id: string; kind: string; amount_cents: number; business_day: string; at: string };
  closeout_counts: {
    count_id: string; session_id: string; station_id: string; business_day: string; counted_at: string; cash_sales_cents: number; checks_cents: number;
    money_orders_cents: number; cards_cents: number; other_cents: number; over_short_cents: number; event_seq: number;
  };
  session_closures: { closure_id: string; session_id: string; station_id: string; business_day: string; count_id: string; closed_at: string; event_seq: number };
  session_reopenings: { reopening_id: string; session_id: string; station_id: string; at: string; event_seq: number };
  returned_checks: {
    returned_check_id: string; station_id: string; business_day: string; receipt_number: string; amount_cents: number; fee_revenue_code: string | null;
    fee_account: string | null; fee_cents: number; cash_only_until: string | null; recorded_at: string; event_seq: number;
  };
  returned_check_lines: { returned_check_id: string; line_no: number; revenue_code: string; gl_account: string; account_number: string | null; amount_cents: number };
  exceptions: {
    id: Generated<number>; station_id: string; event_id: string; seq: number; kind: string; receipt_number: string | null; account_number: string | null;
    amount_cents: number | null; detail: string; created_at: string; resolved_at: string | null; resolved_by: string | null; note: string | null; version: number;
  };
  deposits: {
    deposit_id: string; station_id: string; bank_name: string; bank_routing: string; bank_account: string; session_count: number; cash_cents: number;
    checks_cents: number; money_orders_cents: number; total_cents: number; item_count: number; created_by: string; created_at: string; event_seq: number;
  };
  deposit_days: { deposit_id: string; business_day: string };
  deposit_steps: {
    station_id: string; event_seq: number; deposit_id: string; step: 'float_changed' | 'prepared' | 'verified' | 'discarded'; at: string; by_user: string; cash_cents: number | null;
    total_cents: number; bag_number: string | null; bank_confirmed_cents: number | null; difference_cents: number | null; note: string | null;
    /** verified: the business day the station recorded the bank's amount on (the GL books the difference that day). */
    recorded_day?: string | null;
  };
  day_reconciliations: {
    station_id: string; business_day: string; event_seq: number; figure: string; station_value: number; hub_value: number; matches: boolean; reconciled_at: string;
  };
  business_day_closures: {
    station_id: string; business_day: string; closed_at: string; closed_by: string; receipts: number; collections_cents: number; closeouts_cents: number;
    over_short_cents: number; returned_checks: number; returned_checks_cents: number; returned_fees_cents: number; net_cents: number; event_seq: number;
  };
  arrangements: {
    arrangement_id: string; station_id: string; arrangement_number: string; account_number: string; business_day: string; created_at: string;
    total_cents: number; down_payment_cents: number; down_receipt_id: string | null; grace_days: number; time_zone: string; record: string; event_seq: number;
  };
  arrangement_instalments: { arrangement_id: string; instalment_no: number; due_date: string; amount_cents: number };
  arrangement_cancellations: {
    cancellation_id: string; arrangement_id: string; station_id: string; business_day: string; cancelled_at: string; user_id: string; approved_by: string; reason: string; event_seq: number;
  };
  id_clashes: { table_name: string; column_name: string; hub_key: string; client_id: string; station_id: string; other_station_id: string; event_seq: number };
  arrangement_breaks: { arrangement_id: string; broken_on: string; instalment_no: number; due_date: string; missed_cents: number; decided_at: string };
  check_image_refs: { station_id: string; receipt_id: string; tender_no: number; side: 'front' | 'back'; sha256: string; event_seq: number };
  check_image_uploads: { sha256: string; station_id: string; total_bytes: number; received_bytes: number; started_at: string; updated_at: string };
  check_image_parts: { sha256: string; start_byte: number; bytes: Buffer };
  /** chunks: how many chunks brought it (each taken once, at the offset the hub held). */
  check_images: { sha256: string; bytes: Buffer; size: number; station_id: string; received_at: string; chunks: number };
  arrangement_status: {
    arrangement_id: string; account_number: string; status: 'active' | 'completed' | 'broken' | 'cancelled'; paid_cents: number; next_deadline: string | null; version: number; updated_at: string;
  };
}
