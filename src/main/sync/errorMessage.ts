// Why the last sync failed, as a message code (src/shared/messages.ts) for the UI to word in the
// cashier's language; the English error text stays beside it (SyncStatusView.lastError) for IT.
import { classifyLinkError } from '../../shared/linkFault';
import { msg, type StationMessage } from '../../shared/messages';
import { HubCertificateRefused, HubRefused, HubUnreachable } from './client';
import { displayFingerprint } from '../../shared/tlsFingerprint';

/** The error, or the first error in its cause chain, that is one of the hub client's. */
function hubErrorIn(e: unknown): HubRefused | HubUnreachable | undefined {
  for (let x = e, i = 0; x && i < 5; x = (x as { cause?: unknown }).cause, i++) {
    if (x instanceof HubRefused || x instanceof HubUnreachable) return x;
  }
  return undefined;
}

function hostOf(hubUrl: string | null): string {
  if (!hubUrl) return '';
  try { return new URL(hubUrl).host; } catch { return hubUrl; }
}

export function syncErrorMessage(e: unknown, hubUrl: string | null): StationMessage {
  const address = hostOf(hubUrl);
  if (e instanceof HubCertificateRefused) {
    if (e.problem === 'changed') return msg('sync.certChanged', { address, seen: e.seen ? displayFingerprint(e.seen) : '', pinned: e.expected ? displayFingerprint(e.expected) : '' });
    if (e.problem === 'untrusted') return msg('sync.certUntrusted', { address });
    return msg('sync.plainHttp', { address });
  }
  const h = hubErrorIn(e);
  if (h instanceof HubRefused) return msg('sync.refused', { code: h.code });
  if (h instanceof HubUnreachable && h.where === 'server') return msg('sync.hubError', { address });
  const fault = classifyLinkError(h ?? e);
  if (fault === 'timeout') return msg('sync.timeout', { address });
  if (h || fault === 'unreachable') return msg('sync.unreachable', { address });
  return msg('sync.other');
}
