// Row types of the station database, for kysely. Money columns are integer cents.
export interface SettingsTable { key: string; value: string }
export interface UsersTable {
  id: string; name: string; role: 'cashier' | 'supervisor' | 'admin'; pin_hash: string;
  failed_attempts: number; locked_until: string | null; active: number; created_at: string;
}
export interface RevenueCodesTable {
  code: string; name_en: string; name_es: string; gl_account: string; category: string;
  requires_account: number; active: number; sort: number;
}
export interface FeeSchedulesTable { id: number | null; revenue_code: string; effective_from: string; rule: string; created_at: string }
export interface AccountsTable {
  account_number: string; name: string; service_address: string; status: string;
  balance_cents: number; cash_only_until: string | null; updated_at: string;
}
export interface CashOnlyFlagsTable {
  id: string; account_number: string | null; bank_routing: string | null; bank_account: string | null;
  until: string; reason: string; source_ref: string | null; created_at: string;
}
export interface DrawerSessionsTable {
  id: string; station_id: string; cashier_id: string; state: 'open' | 'counted' | 'closed'; business_day: string;
  opened_at: string; float_cents: number; float_counts: string; closed_at: string | null; kind?: 'drawer' | 'batch';
}
export interface ReceiptsTable {
  id: string; station_id: string; seq: number; receipt_number: string; session_id: string; cashier_id: string;
  business_day: string; created_at: string; payer_name: string | null; total_cents: number; tendered_cents: number; change_cents: number;
  /** Migration 0018: what the cash due was rounded by (to 5¢ where set); tenders − change = total + this. */
  cash_rounding_cents: number;
}
export interface ReceiptLinesTable {
  receipt_id: string; line_no: number; revenue_code: string; account_number: string | null; amount_cents: number;
  fee_inputs: string | null; description: string | null;
}
export interface TendersTable {
  receipt_id: string; tender_no: number; kind: string; amount_cents: number; check_routing: string | null;
  check_account: string | null; check_number: string | null; micr_raw: string | null; card_brand: string | null;
  card_last4: string | null; card_auth: string | null; reference: string | null; card_attempt_id?: string | null;
}
export interface VoidsTable { id: string; receipt_id: string; session_id: string; user_id: string; approved_by: string; reason: string; created_at: string }
export interface DrawerMovementsTable {
  id: string; session_id: string; kind: 'paid_in' | 'paid_out' | 'drop' | 'no_sale'; amount_cents: number; reason: string | null;
  counts: string | null; user_id: string; approved_by: string | null; created_at: string;
}
export interface ReprintsTable { id: string; receipt_id: string; user_id: string; created_at: string }
export interface JournalTable { seq: number; at: string; kind: string; ref: string; payload: string; prev_hash: string; hash: string }
export interface OutboxTable { seq: number; event_id: string; kind: string; payload: string; created_at: string; acked_at: string | null }
export interface ArrangementsTable {
  id: string; station_id: string; seq: number; arrangement_number: string; account_number: string; created_at: string; business_day: string;
  created_by: string; total_cents: number; down_payment_cents: number; down_receipt_id: string | null; frequency: 'weekly' | 'biweekly' | 'monthly';
  instalment_count: number; first_due: string; grace_days: number; time_zone: string; lang: 'en' | 'es'; payer_name: string | null; terms: string;
  approved_by: string | null; override_reason: string | null; overrides: string;
}
export interface ArrangementInstalmentsTable { arrangement_id: string; instalment_no: number; due_date: string; amount_cents: number }
export interface ArrangementPaymentsTable {
  seq: number | null; arrangement_id: string; receipt_id: string; instalment_no: number; amount_cents: number;
  cause: 'down_payment' | 'payment' | 'void'; ref: string; created_at: string;
}
export interface ArrangementCancellationsTable { id: string; arrangement_id: string; user_id: string; approved_by: string; reason: string; created_at: string }
export interface ArrangementReprintsTable { id: string; arrangement_id: string; user_id: string; created_at: string }
export interface ArrangementBreaksTable { arrangement_id: string; broken_on: string; instalment_no: number; recorded_at: string }
export interface HubArrangementsTable {
  arrangement_id: string; account_number: string; record: string; status: 'active' | 'completed' | 'broken' | 'cancelled'; paid_cents: number;
  broken_on: string | null; broken_instalment: number | null; cancelled: string | null; as_of: string;
}

export interface BackupRunsTable {
  id: number | null; reason: 'interval' | 'closeout' | 'manual'; started_at: string; finished_at: string; ok: number; file: string | null; bytes: number | null;
  verified: string | null; error: string | null; error_message: string | null;
}
export interface StationTakeoversTable {
  id: string; station_id: string; hub_url: string; at: string; by_user: string | null; local_last_seq: number; hub_acked_seq: number;
  local_receipt_seq: number; hub_receipt_seq: number;
}
export interface HubLinkTable { id: number; hub_url: string; station_id: string; secret: string; enrolled_at: string; tls_pin: string | null }
export interface PrintJobsTable {
  id: string; seq: number; form: string; ref: string; copy: number; cause: string; lang: 'en' | 'es'; data: string;
  state: 'queued' | 'printing' | 'printed' | 'failed' | 'cancelled'; waiting: string | null; attempts: number;
  last_error: string | null; last_error_message: string | null; created_at: string; created_by: string | null;
  printed_at: string | null; printer: string | null; cancelled_at: string | null; cancelled_by: string | null; cancel_reason: string | null;
  unconfirmed: number;
}
export interface DepositsTable {
  id: string; station_id: string; bank_name: string; bank_routing: string; bank_account: string; state: 'draft' | 'prepared' | 'verified';
  created_by: string; created_at: string; available_counts: string; float_kept_counts: string;
  cash_cents: number; checks_cents: number; money_orders_cents: number; total_cents: number;
  bag_number: string | null; prepared_by: string | null; prepared_at: string | null;
  bank_confirmed_cents: number | null; difference_cents: number | null; verified_by: string | null; verified_at: string | null; verify_note: string | null;
  float_target_cents: number | null; float_accepted_by: string | null;
  /** Migration 0018: the business day the bank's difference was recorded on (the GL books it then). */
  difference_day: string | null;
}

export interface DepositDiscardsTable {
  deposit_id: string; discarded_by: string; discarded_at: string; reason: string; replaced_by: string | null;
}

export interface ReceiptStubsTable {
  receipt_id: string; line_no: number; format_id: string; account_number: string; bill_number: string | null; due_date: string | null;
  amount_due_cents: number; stub_key: string; raw: string;
}
export interface SlipLogTable {
  seq: number | null; at: string; receipt_id: string; job_id: string | null; form: 'validation' | 'endorsement'; ref: string;
  event: string; user_id: string | null; detail: string | null;
}

export interface BatchesTable {
  session_id: string; station_id: string; batch_number: string; source: 'mail' | 'drop_box' | 'lockbox' | 'online'; opened_by: string; opened_at: string;
  control_count: number; control_cents: number; bank_deposit_cents: number | null; file_id: string | null; note: string | null;
}
export interface BatchFilesTable {
  id: string; source: 'lockbox' | 'online'; layout_id: string; file_name: string; sha256: string; session_id: string; item_count: number; total_cents: number;
  imported_by: string; imported_at: string;
}
export interface BatchItemsTable {
  receipt_id: string; session_id: string; item_no: number; collection_point: 'mail' | 'drop_box' | 'lockbox' | 'online'; date_received: string;
  postmark_date: string | null; tender_detail: 'check' | 'money_order' | 'card_online' | 'ach'; source_ref: string | null; file_line: number | null; entered_by: string;
}
export interface BatchClosuresTable {
  id: string; session_id: string; entered_count: number; entered_cents: number; difference_count: number; difference_cents: number;
  closed_by: string; approved_by: string | null; reason: string | null; closed_at: string;
}
export interface BatchExceptionsTable {
  id: string; receipt_id: string; line_no: number; account_number: string; kind: 'unknown_account' | 'closed_account'; amount_cents: number; raised_at: string;
}
export interface BatchExceptionResolutionsTable {
  id: string; exception_id: string; action: 'apply_to_account' | 'refund'; account_number: string | null; note: string; resolved_by: string; resolved_at: string;
}
export interface CardAttemptsTable {
  id: string; receipt_id: string; session_id: string; cashier_id: string; service_id: string; poi_id: string;
  amount_cents: number; fee_cents: number; sale: string; created_at: string;
}
export interface CardAttemptResultsTable {
  attempt_id: string; seq: number; state: string; reason: string | null; brand: string | null; last4: string | null; auth_code: string | null;
  transaction_id: string | null; transaction_time: string | null; entry_mode: string | null; aid: string | null; app_label: string | null;
  terminal_id: string | null; approved_cents: number | null; offline: number; signature: number; user_id: string | null; at: string;
}
export interface DepositItemsTable {
  deposit_id: string; item_no: number; session_id: string; kind: 'check' | 'money_order'; receipt_id: string | null; tender_no: number | null;
  routing: string | null; account: string | null; check_number: string | null; reference: string | null; amount_cents: number; payer_name: string | null;
}
export interface CheckScansTable {
  id: string; at: string; device_id: string; micr_raw: string; micr_ok: number; front_sha256: string; front_bytes: number;
  back_sha256: string | null; back_bytes: number | null; width_px: number; height_px: number; dpi: number; quality: 'ok' | 'poor'; problems: string;
}
export interface TenderImagesTable {
  receipt_id: string; tender_no: number; scan_id: string; front_sha256: string; back_sha256: string | null; paper_only: number; override_by: string | null;
}
export interface IclFilesTable {
  id: string; deposit_id: string; created_at: string; created_by: string; file_name: string; sha256: string; bytes: number; items: number;
  total_cents: number; profile: string;
}
/** 0021: images named by a check.images outbox event (event_seq), and the hub's confirmation of each. */
export interface ImageUploadsTable { sha256: string; event_seq: number; bytes: number; queued_at: string }
export interface ImageConfirmationsTable { sha256: string; confirmed_at: string; already_had: number }

export interface DB {
  settings: SettingsTable;
  users: UsersTable;
  revenue_codes: RevenueCodesTable;
  fee_schedules: FeeSchedulesTable;
  accounts: AccountsTable;
  cash_only_flags: CashOnlyFlagsTable;
  drawer_sessions: DrawerSessionsTable;
  receipts: ReceiptsTable;
  receipt_lines: ReceiptLinesTable;
  tenders: TendersTable;
  voids: VoidsTable;
  drawer_movements: DrawerMovementsTable;
  reprints: ReprintsTable;
  journal: JournalTable;
  outbox: OutboxTable;
  backup_runs: BackupRunsTable;
  station_takeovers: StationTakeoversTable;
  hub_link: HubLinkTable;
  print_jobs: PrintJobsTable;
  deposits: DepositsTable;
  deposit_discards: DepositDiscardsTable;
  arrangements: ArrangementsTable;
  arrangement_instalments: ArrangementInstalmentsTable;
  arrangement_payments: ArrangementPaymentsTable;
  arrangement_cancellations: ArrangementCancellationsTable;
  arrangement_reprints: ArrangementReprintsTable;
  arrangement_breaks: ArrangementBreaksTable;
  hub_arrangements: HubArrangementsTable;
  receipt_stubs: ReceiptStubsTable;
  slip_log: SlipLogTable;
  batches: BatchesTable;
  batch_files: BatchFilesTable;
  batch_items: BatchItemsTable;
  batch_closures: BatchClosuresTable;
  batch_exceptions: BatchExceptionsTable;
  batch_exception_resolutions: BatchExceptionResolutionsTable;
  card_attempts: CardAttemptsTable;
  card_attempt_results: CardAttemptResultsTable;
  deposit_items: DepositItemsTable;
  check_scans: CheckScansTable;
  tender_images: TenderImagesTable;
  icl_files: IclFilesTable;
  image_uploads: ImageUploadsTable;
  image_confirmations: ImageConfirmationsTable;
}
