// Sync-loop timings for tests: short timeouts and backoff, so a test spends its time on behaviour, not waiting.
export const FAST = { requestTimeoutMs: 3000, backoffBaseMs: 20, backoffMaxMs: 200, debounceMs: 5, idleMs: 60_000, pullPage: 50 };
