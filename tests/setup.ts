import { vi } from 'vitest';

// No test may depend on the Electron binary: any import of 'electron' gets this stand-in.
vi.mock('electron', () => ({
  app: { whenReady: () => Promise.resolve(), on: () => undefined, requestSingleInstanceLock: () => true, quit: () => undefined },
  BrowserWindow: class {},
  ipcMain: { handle: () => undefined },
  contextBridge: { exposeInMainWorld: () => undefined },
  ipcRenderer: { invoke: () => Promise.resolve(undefined), on: () => undefined },
}));
