// A lockbox or online-payment file imported as a batch: read whole against its layout, refused whole
// with line numbers and reasons, and written in one transaction (all of it or none of it). The same file
// again (same bytes) adds nothing and says so; an item already imported from another file is refused.
import { createHash, randomUUID } from 'node:crypto';
import { decodeFile, readFile, type FileError, type FileItem, type FileLayout, type FileSource } from '../../../shared/batchFiles';
import type { ImportResult } from '../../../shared/contract/batches';
import { localDate } from '../../../shared/calendar';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { PostReceiptInput } from '../receipts';
import type { Station } from '../station';
import { writeClose } from './close';
import { writeItem } from './item';
import { loadBatch, writeBatch } from './open';
import { batchSettings } from './settings';
import { batchView } from './view';

export interface ImportInput { id: string; source: FileSource; layoutId?: string | undefined; fileName: string; contentBase64: string; bankDepositCents: number }

function refuse(errors: FileError[]): never {
  const shown = errors.slice(0, 20).map((e) => `line ${e.line}: ${e.reason}`).join('; ');
  throw new StationError('BATCH_FILE_REFUSED', { count: errors.length, lines: errors.length > 20 ? `${shown}; …` : shown }, 'contentBase64');
}

function layoutFor(station: Station, source: FileSource, layoutId: string | undefined): FileLayout {
  const layouts = batchSettings(station).layouts.filter((l) => l.source === source);
  const layout = layoutId ? layouts.find((l) => l.id === layoutId) : layouts[0];
  if (!layout) throw new StationError('BATCH_LAYOUT_UNKNOWN', { layout: layoutId ?? '(none)', source }, 'layoutId');
  return layout;
}

function tenderOf(it: FileItem): PostReceiptInput['tenders'][number] {
  if (it.tender === 'check') return { kind: 'check', amountCents: it.amountCents, routing: it.routing!, account: it.bankAccount!, checkNumber: it.checkNumber! };
  // Settled by the processor: the ledger's 'other' tender with the processor's reference; batch_items says card or ACH.
  return { kind: 'other', amountCents: it.amountCents, reference: `${it.tender === 'ach' ? 'ACH' : 'CARD'} ${it.processorRef!}` };
}

/** Items some earlier file already brought: refused with their line. */
function alreadyImported(station: Station, source: FileSource, items: FileItem[]): FileError[] {
  const errors: FileError[] = [];
  for (const it of items) {
    const hit = station.st.sqlGet<{ batch_number: string; file_line: number | null }>(`SELECT b.batch_number, i.file_line FROM batch_items i JOIN batches b ON b.session_id = i.session_id
      WHERE i.collection_point = ? AND i.source_ref = ?`, source, it.sourceRef);
    if (hit) errors.push({ line: it.line, reason: `item ${it.sourceRef} was already imported in batch ${hit.batch_number}${hit.file_line ? ` (line ${hit.file_line} of its file)` : ''}` });
  }
  return errors;
}

export function importFile(station: Station, user: UserView, input: ImportInput): ImportResult {
  const layout = layoutFor(station, input.source, input.layoutId);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new StationError('BATCH_FILE_UNREADABLE', { reason: 'the file is empty' }, 'contentBase64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const seen = () => station.st.sqlGet<{ session_id: string }>('SELECT session_id FROM batch_files WHERE (source = ? AND sha256 = ?) OR id = ?', input.source, sha256, input.id);
  const before = seen();
  if (before) return { outcome: 'already', batch: batchView(station, before.session_id), exceptions: 0 };
  const decoded = decodeFile(bytes, layout.encoding);
  if (!decoded.ok) throw new StationError('BATCH_FILE_UNREADABLE', { reason: decoded.reason }, 'contentBase64');
  const read = readFile(decoded.text, layout, localDate(station.clock.now(), station.config.timeZone));
  if (!read.ok) refuse(read.errors);
  let exceptions = 0;
  let outcome: ImportResult['outcome'] = 'imported';
  const sessionId = station.commit(() => {
    // Checked again inside the write lock: two imports of one file at once post it once.
    const raced = seen();
    if (raced) { outcome = 'already'; return raced.session_id; }
    const dup = alreadyImported(station, input.source, read.items);
    if (dup.length) refuse(dup);
    const session = writeBatch(station, user, { id: input.id, source: input.source, controlCount: read.controlCount, controlCents: read.controlCents, bankDepositCents: input.bankDepositCents, fileId: input.id });
    station.st.sqlRun(`INSERT INTO batch_files(id, source, layout_id, file_name, sha256, session_id, item_count, total_cents, imported_by, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, input.id, input.source, layout.id, input.fileName, sha256, session.id, read.items.length, read.controlCents, user.id, session.opened_at);
    const { batch } = loadBatch(station, session.id);
    const exBefore = station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM batch_exceptions')!.n;
    for (const it of read.items) {
      writeItem(station, user, session, batch, {
        id: randomUUID(), lines: [{ revenueCode: layout.revenueCode, accountNumber: it.accountNumber, amountCents: it.amountCents }],
        tender: tenderOf(it), dateReceived: it.dateReceived, ...(it.payerName ? { payerName: it.payerName } : {}),
      }, { tenderDetail: it.tender, sourceRef: it.sourceRef, fileLine: it.line, inBank: true });
    }
    exceptions = station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM batch_exceptions')!.n - exBefore;
    station.record('batch.imported', input.id, { fileId: input.id, sessionId: session.id, batchNumber: batch.batch_number, source: input.source, layoutId: layout.id, fileName: input.fileName, sha256, items: read.items.length, totalCents: read.controlCents, bankDepositCents: input.bankDepositCents }, session.opened_at);
    // Balanced with the bank: closed at once. Otherwise it stays open, the difference shown, for a supervisor.
    if (input.bankDepositCents === read.controlCents) writeClose(station, user, session, batch, randomUUID(), null, null);
    return session.id;
  });
  return { outcome, batch: batchView(station, sessionId), exceptions };
}
