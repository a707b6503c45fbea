// The preload exposes exactly two functions to the page — call(name, input) and on(event, fn) — and
// nothing of Node or Electron. Sandboxed: it is bundled to one CommonJS file (dist/preload/index.cjs).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const OP_NAME = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/;
const EVENT_NAME = /^[a-z][A-Za-z]*(\.[a-zA-Z_]+)*$/;

contextBridge.exposeInMainWorld('civictill', {
  call(name: unknown, input: unknown): Promise<unknown> {
    if (typeof name !== 'string' || !OP_NAME.test(name)) return Promise.reject(new Error('not an operation name'));
    return ipcRenderer.invoke(`civictill:${name}`, input);
  },
  on(event: unknown, fn: unknown): () => void {
    if (typeof event !== 'string' || !EVENT_NAME.test(event) || typeof fn !== 'function') throw new Error('on(event, fn)');
    // The IPC event object never reaches the page: only the payload does.
    const listener = (_e: IpcRendererEvent, msg: { kind: string; payload: unknown }) => {
      if (msg && msg.kind === event) (fn as (p: unknown) => void)(msg.payload);
    };
    ipcRenderer.on('civictill:event', listener);
    return () => { ipcRenderer.removeListener('civictill:event', listener); };
  },
});
