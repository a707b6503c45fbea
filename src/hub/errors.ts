// A refusal the hub answers with: HTTP status, a stable code and a reason a person can act on.
export class HubError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: { expectedSeq?: number; expectedOffset?: number } = {}) {
    super(message);
    this.name = 'HubError';
  }
  body(): { error: { code: string; message: string; expectedSeq?: number; expectedOffset?: number } } {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const badRequest = (message: string) => new HubError(400, 'BAD_REQUEST', message);
