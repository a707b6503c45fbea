// The printer's test page: proves layout, accents, a code and the cutter in one short slip.
import type { Columns, PrintDoc } from './doc';
import { centered, pair, rule, text } from './layout';

export function testPageForm(columns: Columns, printerId: string, address: string): PrintDoc {
  return {
    columns,
    cut: true,
    lines: [
      ...centered('CIVICTILL TEST PAGE', columns, { bold: true }),
      ...centered(`${printerId} ${address}`, columns),
      { kind: 'text', text: rule(columns) },
      ...text(pair('Columns', String(columns), columns)),
      ...text(['Español: áéíóú ñ ü ¿? ¡!']),
      ...centered('BIG', columns, { big: true, bold: true }),
      { kind: 'qr', data: `TEST ${printerId}` },
      { kind: 'text', text: rule(columns) },
    ],
  };
}
