import { describe, expect, it } from 'vitest';
import { formatOptions, parseOptions } from '../../src/renderer/deviceOptions';

describe('device options as keyed in settings', () => {
  it('reads name=value pairs: whole numbers and true/false typed, the rest text', () => {
    expect(parseOptions('columns=48, codePage=PC437; followPostings=false\nsymbols = magtek')).toEqual({
      ok: true, options: { columns: 48, codePage: 'PC437', followPostings: false, symbols: 'magtek' },
    });
    expect(parseOptions('  ')).toEqual({ ok: true, options: {} });
    // Not a whole number: kept as text, for the station to refuse in words.
    expect(parseOptions('columns=4.8')).toEqual({ ok: true, options: { columns: '4.8' } });
  });

  it('names the first part that is not name=value', () => {
    expect(parseOptions('columns=48, 32')).toEqual({ ok: false, bad: '32' });
    expect(parseOptions('pin=')).toEqual({ ok: false, bad: 'pin=' });
    expect(parseOptions('=5')).toEqual({ ok: false, bad: '=5' });
  });

  it('writes back what it reads', () => {
    const o = { columns: 32, codePage: 'PC850', followPostings: true };
    expect(formatOptions(o)).toBe('columns=32, codePage=PC850, followPostings=true');
    expect(parseOptions(formatOptions(o))).toEqual({ ok: true, options: o });
    expect(formatOptions(undefined)).toBe('');
  });
});
