// A station message worded in the language set now: parameters filled in, amounts in cents as money,
// the device manager's retry wait said after it, and the station's English text when there is no code.
import { describe, expect, it, vi } from 'vitest';

// The renderer's i18n reads the saved language at start: this runs in Node, where there is no browser storage.
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => 'es', setItem: () => undefined }; });

const { default: i18n } = await import('../../src/renderer/i18n');
const { messageText } = await import('../../src/renderer/messageText');

describe('messageText', () => {
  it('words a code in Spanish, then in English after a switch', async () => {
    const m = { code: 'link.unreachable' as const, params: { address: '10.0.0.5:9100', retryS: 8 } };
    expect(messageText(m, 'connect ECONNREFUSED 10.0.0.5:9100')).toBe(
      'No responde en 10.0.0.5:9100: revise que esté encendido y que su cable (o cable de red) esté conectado. Se vuelve a intentar en 8 s.');
    await i18n.changeLanguage('en');
    expect(messageText(m, 'x')).toBe('Not answering at 10.0.0.5:9100: check it is switched on and its cable (or network cable) is plugged in. Trying again in 8 s.');
    await i18n.changeLanguage('es');
  });

  it('words amounts in cents as money', () => {
    expect(messageText({ code: 'job.drop', params: { amountCents: 50000 } }, 'Drop slip $500.00')).toMatch(/^Depósito a caja fuerte .*500/);
    expect(messageText({ code: 'job.drop', params: { amountCents: 50000 } }, '')).not.toContain('50000');
  });

  it('falls back to the station text without a known code', () => {
    expect(messageText(undefined, 'Turned off')).toBe('Turned off');
    expect(messageText({ code: 'no.such' as never, params: {} }, 'from a newer station')).toBe('from a newer station');
  });
});
