// Exponential backoff for reopening devices: 0.5 s, 1 s, 2 s … up to a ceiling, with optional jitter so a
// counter full of devices does not retry in lockstep.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: each delay is scaled by a random factor in [1 - jitter, 1]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, o: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(o.maxMs, o.initialMs * Math.pow(o.factor, Math.max(0, attempt)));
  const scale = 1 - o.jitter * random();
  return Math.max(1, Math.round(base * scale));
}

export class Backoff {
  private attempt = 0;
  constructor(private readonly o: BackoffOptions = DEFAULT_BACKOFF, private readonly random: () => number = Math.random) {}
  /** The next delay; each call grows it until the ceiling. */
  next(): number { return backoffDelay(this.attempt++, this.o, this.random); }
  /** After a success: the next failure starts from the shortest delay again. */
  reset(): void { this.attempt = 0; }
  get attempts(): number { return this.attempt; }
}

/** Cancellable timer that does not keep the process alive. */
export function later(ms: number, fn: () => void): () => void {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
}
