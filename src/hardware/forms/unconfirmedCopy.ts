// A job whose earlier attempt the printer never confirmed may already be on paper: whatever prints
// now says it is a copy, at the top, so two "originals" never leave the counter.
import type { Lang, PrintDoc } from './doc';
import { centered } from './layout';
import { words } from './strings';

export function asUnconfirmedCopy(doc: PrintDoc, lang: Lang): PrintDoc {
  const w = words(lang);
  return {
    ...doc,
    lines: [
      ...centered(`*** ${w.unconfirmedCopy} ***`, doc.columns, { bold: true }),
      ...centered(w.unconfirmedNote, doc.columns),
      { kind: 'feed', lines: 1 },
      ...doc.lines,
    ],
  };
}
