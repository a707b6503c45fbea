// One contract call arriving over Electron IPC, apart from electron itself (src/main/index.ts wires it
// to ipcMain.handle): through dispatch like every transport, the signed-in token kept here in the main
// process, and whatever goes wrong answered and logged — a call never rejects into Electron.
import { logError } from './station/log/stationLog';
import type { OpName } from '../shared/api';
import type { ApiError } from '../shared/errors';
import { dispatch, isOpName } from './dispatch';
import type { Station } from './station/station';

/** Signed-in user's token per window (webContents id). */
export type IpcTokens = Map<number, string>;

const refused = (code: ApiError['code'], message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, message, params: {} } });

export async function answerIpc(station: Station, name: string, input: unknown, tokens: IpcTokens, senderId: number): Promise<unknown> {
  try {
    if (!isOpName(name)) return refused('INVALID_INPUT', 'No such operation.');
    const r = await dispatch(station, name as OpName, input, tokens.get(senderId));
    if (name === 'auth.signIn' && r.ok) {
      const v = r.value as { token: string };
      tokens.set(senderId, v.token);
      return { ok: true, value: { ...v, token: '' } };
    }
    if (name === 'auth.signOut') tokens.delete(senderId);
    return r;
  } catch (e) {
    logError(station, `ipc ${name}`, e);
    return refused('INTERNAL', 'Something went wrong inside the station; nothing was saved. Tell IT: the call could not be answered.');
  }
}
