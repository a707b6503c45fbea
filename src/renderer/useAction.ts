// One station action from a form: a client UUID per attempt (a second press re-sends the same one),
// a busy guard, the station's errors filed by field, and focus moved to the field an error concerns.
import { useState } from 'react';
import type { ApiError } from '../shared/errors';
import { byField, type FieldErrors } from './errors';
import { focusId } from './focus';

type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function useAction() {
  const [id, setId] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function run<T>(fn: (id: string) => Promise<Result<T>>, done: (v: T) => void, focusFor: Record<string, string> = {}): Promise<void> {
    if (busy) return;
    setBusy(true);
    const r = await fn(id);
    setBusy(false);
    if (!r.ok) {
      setErrors(byField(r.error));
      const f = r.error.field ?? '';
      const target = Object.entries(focusFor).find(([k]) => f === k || f.startsWith(k + '.'))?.[1];
      if (target) focusId(target);
      return;
    }
    setErrors({});
    // The next action is a new request.
    setId(crypto.randomUUID());
    done(r.value);
  }
  return { id, errors, setErrors, busy, run };
}
