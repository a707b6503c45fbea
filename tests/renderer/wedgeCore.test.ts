// The keyboard-wedge recogniser's timing rules: a scanner's burst ending in its suffix is a scan; a
// person's typing never is, even fast; a burst cut short is said so; held keys come back in order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WedgeCore, type KeyVerdict } from '../../src/renderer/scan/wedgeCore';

const T = { suffix: 'Enter' as const, maxGapMs: 50, minLength: 8, holdMs: 15 };

function feed(core: WedgeCore, text: string, gaps: number[], t0 = 1000): { verdicts: KeyVerdict[]; end: number } {
  const verdicts: KeyVerdict[] = [];
  let t = t0;
  [...text].forEach((c, i) => { t += i === 0 ? 0 : gaps[(i - 1) % gaps.length]!; verdicts.push(core.key(c, t, true)); });
  return { verdicts, end: t };
}

describe('keyboard-wedge timing', () => {
  it('a burst at scanner speed ending in Enter is a scan; only its first key reached the field', () => {
    const core = new WedgeCore(T);
    const stub = '010000006420261100071130260000042507';
    const { verdicts, end } = feed(core, stub, [3]);
    expect(verdicts[0]).toEqual({ act: 'pass', startsBurst: true });
    expect(verdicts.slice(1).every((v) => v.act === 'hold')).toBe(true);
    const held = [...stub.slice(1)];
    expect(core.key('Enter', end + 4, false)).toEqual({ act: 'burst', text: stub, held, fast: true });
  });

  it('a person typing, however fast, is never a scan: every key reaches the field in order', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{8,40}$/), fc.array(fc.integer({ min: 51, max: 400 }), { minLength: 1, maxLength: 10 }), (digits, gaps) => {
      const core = new WedgeCore(T);
      const { verdicts, end } = feed(core, digits, gaps);
      expect(verdicts.every((v) => v.act === 'pass')).toBe(true);
      expect(core.key('Enter', end + 60, false).act).toBe('pass');
    }));
  });

  it('rollover (two keys close together) while typing is handed back before the next key, in order', () => {
    const core = new WedgeCore(T);
    expect(core.key('1', 0, true).act).toBe('pass');
    expect(core.key('2', 8, true).act).toBe('hold'); // rollover
    // The next key comes at a typing pace: the held one goes first.
    expect(core.key('3', 200, true)).toEqual({ act: 'release', held: ['2'] });
    expect(core.key('Enter', 400, false)).toEqual({ act: 'pass', startsBurst: false });
  });

  it('a scan cut short (no suffix) is told on timeout, and nothing goes to the field; a short held pair goes back', () => {
    const core = new WedgeCore(T);
    const { end } = feed(core, '0100000064202611', [3]);
    expect(core.timeout(end + 10)).toBeNull();
    expect(core.timeout(end + 60)).toEqual({ cutShort: '0100000064202611' });
    const c2 = new WedgeCore(T);
    const r = feed(c2, '12', [5]);
    expect(c2.timeout(r.end + 100)).toEqual({ held: ['2'] });
  });

  it('a burst at a typing pace (but quick) ending in Enter is not scanner-speed: the page decides on its format', () => {
    const core = new WedgeCore(T);
    const { end } = feed(core, '121000358', [30]);
    expect(core.key('Enter', end + 30, false)).toEqual({ act: 'burst', text: '121000358', held: [], fast: false });
  });

  it('a fast burst shorter than a scan, then Enter, is typing: its keys come back before the Enter', () => {
    const core = new WedgeCore(T);
    const { end } = feed(core, '1234', [4]);
    expect(core.key('Enter', end + 4, false)).toEqual({ act: 'release', held: ['2', '3', '4'] });
  });
});
