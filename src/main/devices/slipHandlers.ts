// Handlers of the slips contract: settings (station), and the slips of a receipt through the print queue.
import type { slipsContract } from '../../shared/contract/slips';
import { StationError } from '../../shared/errors';
import type { SlipPrint } from '../../shared/slips';
import type { Handlers } from '../station/handlers';
import { receiptIdByNumber } from '../station/receiptView';
import { slipLog } from '../station/slips/log';
import { slipPrints, slipRef } from '../station/slips/prints';
import { saveSlipSettings, slipSettings } from '../station/slips/settings';
import { printing } from './printing';
import type { PrintJobRow } from './printQueue';
import { toView } from './printQueue';

export const slipsHandlers: Handlers<keyof typeof slipsContract> = {
  'slips.settings': ({ station }) => slipSettings(station),
  'slips.updateSettings': ({ station, user }, i) => saveSlipSettings(station, user, i),
  'slips.forReceipt': ({ station }, i) => {
    const id = receiptIdByNumber(station, i.receiptNumber);
    const rows = station.st.sqlAll<PrintJobRow>("SELECT * FROM print_jobs WHERE form IN ('validation','endorsement') AND ref LIKE ? ORDER BY seq", `${id}:%`);
    return { slips: rows.map((r) => ({ job: toView(r), slip: (JSON.parse(r.data) as { slip: SlipPrint }).slip })), log: slipLog(station, id) };
  },
  'slips.skip': ({ station, user }, i) => printing(station).queue.skip(i.jobId, user.id, i.reason ?? 'skipped at the counter'),
  'slips.again': ({ station, user }, i) => {
    const s = slipSettings(station);
    if (!s.slipStation && !(i.form === 'endorsement' && s.endorseOn === 'checkReader')) throw new StationError('NO_SLIP_STATION');
    const id = receiptIdByNumber(station, i.receiptNumber);
    const all = slipPrints(station, id, { ...slipSettings(station), validateStubs: true, endorseChecks: true });
    if (!all.some((s) => s.kind === i.form && s.number === i.number)) {
      throw new StationError('SLIP_NOT_FOUND', { form: i.form, number: i.number, receipt: i.receiptNumber }, 'number');
    }
    const queue = printing(station).queue;
    station.commit(() => station.record('slip.requested', id, { receiptId: id, form: i.form, number: i.number, userId: user.id }, station.nowIso(), { sync: false }));
    const row = station.st.sqlGet<PrintJobRow>('SELECT * FROM print_jobs WHERE form = ? AND ref = ? ORDER BY copy DESC LIMIT 1', i.form, slipRef(id, i.form, i.number));
    return queue.view(row!.id);
  },
};
