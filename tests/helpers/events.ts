// Collects events and hands them out in order; next() waits for one (with a generous guard so a broken
// test fails with a message instead of hanging — it is not a speed assertion).
export class EventQueue<T> {
  private items: T[] = [];
  private waiters: { pred: (t: T) => boolean; ok: (t: T) => void }[] = [];
  readonly all: T[] = [];

  push = (t: T): void => {
    this.all.push(t);
    const w = this.waiters.findIndex((x) => x.pred(t));
    if (w >= 0) { this.waiters.splice(w, 1)[0]!.ok(t); return; }
    this.items.push(t);
  };

  /** The next event (matching pred, skipping and discarding others). */
  next(pred: (t: T) => boolean = () => true, guardMs = 15_000): Promise<T> {
    while (this.items.length > 0) {
      const t = this.items.shift()!;
      if (pred(t)) return Promise.resolve(t);
    }
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x.ok !== resolve);
        fail(new Error(`no matching event within ${guardMs} ms; got: ${JSON.stringify(this.all.slice(-5))}`));
      }, guardMs);
      const resolve = (t: T): void => { clearTimeout(timer); ok(t); };
      this.waiters.push({ pred, ok: resolve });
    });
  }

  /** Hands out (and forgets) every event not yet handed out. */
  drain(): T[] { return this.items.splice(0); }

  /** Events not yet handed out. */
  get pending(): readonly T[] { return this.items; }
}

export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** Polls a condition (for "the driver has read this piece") with a guard. */
export async function until(cond: () => boolean, what: string, guardMs = 15_000): Promise<void> {
  const end = Date.now() + guardMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
