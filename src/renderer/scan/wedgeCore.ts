// Telling a keyboard-wedge scanner from a person, key by key (no DOM here, so it is tested in Node).
// A scan is a burst: every gap between its characters at most maxGapMs, at least minLength characters,
// ended by the suffix key (Enter or Tab). A person types slower than that, and besides, what the till
// takes from a burst must still match a stub format with a good check digit (or be a receipt number).
//
// Characters come at scanner speed are held back (holdMs: no one types two keys that close on purpose)
// and handed back in order when the burst turns out not to be a scan; characters that passed before the
// burst was sure are undone (the adapter restores the field as it was when the burst began).

export interface WedgeTiming { suffix: 'Enter' | 'Tab'; maxGapMs: number; minLength: number; holdMs: number }

export type KeyVerdict =
  /** Let the key do what it does. */
  | { act: 'pass'; startsBurst: boolean }
  /** Keep it back (it may be part of a scan). */
  | { act: 'hold' }
  /**
   * A burst ended by the suffix: a scan if what it says is one (a stub format, a receipt number) or if it
   * came at scanner speed (`fast`: noise from a scanner); otherwise typing, and `held` goes back.
   */
  | { act: 'burst'; text: string; held: string[]; fast: boolean }
  /** Not a scan after all: the held keys go to the field (in order) before this key does its own thing. */
  | { act: 'release'; held: string[] };

export class WedgeCore {
  private chars: string[] = [];
  private held: string[] = [];
  private last = -Infinity;
  private holding = false;
  private fastGaps = 0;

  constructor(private readonly t: WedgeTiming) {}

  get burstLength(): number { return this.chars.length; }

  /** One keydown; `printable` is a single character with no Ctrl/Alt/Meta. */
  key(key: string, at: number, printable: boolean): KeyVerdict {
    const gap = at - this.last;
    if (key === this.t.suffix) {
      const text = this.chars.join('');
      const scan = this.chars.length >= this.t.minLength && gap <= this.t.maxGapMs;
      const fast = this.chars.length > 1 && this.fastGaps >= (this.chars.length - 1) * 0.8;
      const held = this.reset();
      if (scan) return { act: 'burst', text, held, fast };
      return held.length ? { act: 'release', held } : { act: 'pass', startsBurst: false };
    }
    if (!printable) {
      const held = this.reset();
      return held.length ? { act: 'release', held } : { act: 'pass', startsBurst: false };
    }
    if (this.chars.length === 0 || gap > this.t.maxGapMs) {
      // A new burst (a pause ended the last one: whatever it held was handed back by timeout()).
      const held = this.reset();
      this.chars = [key];
      this.last = at;
      return held.length ? { act: 'release', held } : { act: 'pass', startsBurst: true };
    }
    this.chars.push(key);
    this.last = at;
    if (gap <= this.t.holdMs) this.fastGaps++;
    // Once one key is held, the rest of the burst is too: the field gets them back in order.
    if (this.holding || gap <= this.t.holdMs) {
      this.holding = true;
      this.held.push(key);
      return { act: 'hold' };
    }
    return { act: 'pass', startsBurst: false };
  }

  /**
   * No key for a while: a burst without its suffix. At scanner speed and length it was a scan cut short
   * (or a scanner set up without a suffix): 'cutShort', nothing goes to the field. Otherwise the held keys.
   */
  timeout(now: number): { cutShort: string } | { held: string[] } | null {
    if (this.chars.length === 0 || now - this.last < this.t.maxGapMs) return null;
    const text = this.chars.join('');
    const scanLike = this.holding && this.chars.length >= this.t.minLength;
    const held = this.reset();
    return scanLike ? { cutShort: text } : { held };
  }

  private reset(): string[] {
    const held = this.held;
    this.chars = [];
    this.held = [];
    this.holding = false;
    this.fastGaps = 0;
    this.last = -Infinity;
    return held;
  }
}
