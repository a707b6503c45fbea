// Electron bootstrap: one locked-down window on the app:// origin, the station contract over IPC
// (one ipcMain.handle per operation, through dispatch), station events forwarded to the window.
// The signed-in user's token stays here in the main process: the renderer never holds it.
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { api, type OpName } from '../shared/api';
import { answerIpc, type IpcTokens } from './ipc';
import { Station } from './station/station';
import { startSync } from './sync/service';
import { attachBackups } from './station/backup/scheduler';
import { startCardRecovery } from './station/card/start';
import { startDemoTerminal } from './devices/emulateTerminal';
import { dirname, join, resolve } from 'node:path';
import { attachLog } from './station/log/stationLog';
import { attachPrinting } from './devices/printing';
import { attachDevices } from './devices/devices';
import { APP_SCHEME, APP_URL, CSP, appFile, dbPathFrom, trustedSender } from './shell/policy';

const RENDERER = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let station: Station | undefined;
let win: BrowserWindow | undefined;
/** Signed-in user's token per window (webContents id). */
const tokens: IpcTokens = new Map();

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1366, height: 800, minWidth: 1024, minHeight: 700, show: false, backgroundColor: '#eef1f5', title: 'CivicTill',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows: not for a till.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => { tokens.delete(w.webContents.id); win = undefined; });
  void w.loadURL(APP_URL);
  return w;
}

/** Every window and frame: no navigation away, no new windows, no webviews. */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => { if (url !== APP_URL) e.preventDefault(); });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

function serveApp(): void {
  protocol.handle(APP_SCHEME, (req) => {
    const file = appFile(RENDERER, req.url);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, grant) => grant(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, done) => {
    done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP], 'X-Content-Type-Options': ['nosniff'] } });
  });
}

function trusted(e: IpcMainInvokeEvent): boolean {
  const frame = e.senderFrame;
  return !!frame && trustedSender(frame.url, frame === e.sender.mainFrame) && e.sender === win?.webContents;
}

/** One handler per contract entry, all through dispatch (validation, role check, typed errors). */
function registerIpc(st: Station): void {
  for (const name of Object.keys(api) as OpName[]) {
    ipcMain.handle(`civictill:${name}`, (e, input: unknown) => {
      let fromApp = false;
      try { fromApp = trusted(e); } catch { /* a frame gone mid-call is not the app's window */ }
      if (!fromApp) return { ok: false, error: { code: 'FORBIDDEN', message: 'Not from the CivicTill window.', params: { role: 'none', needed: 'app' } } };
      return answerIpc(st, name, input, tokens, e.sender.id);
    });
  }
  st.events.on('*', (ev: { kind: string; payload: unknown }) => {
    // A listener of the station's events: a window going away must not reach the emitter.
    try {
      if (win && !win.isDestroyed()) win.webContents.send('civictill:event', ev);
    } catch (e) {
      console.error('[ipc] an event could not be sent:', e);
    }
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) { if (win.isMinimized()) win.restore(); win.focus(); }
  });
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => { station?.close(); station = undefined; });
  void app.whenReady().then(async () => {
    Menu.setApplicationMenu(null);
    serveApp();
    const dbPath = dbPathFrom(process.argv, app.getPath('userData'));
    station = await Station.open(dbPath);
    const log = attachLog(station, join(dirname(resolve(dbPath)), 'logs')); // the log file in the data folder, first
    process.on('uncaughtException', (e) => log.error('process', e));
    process.on('unhandledRejection', (e) => log.error('process', e));
    attachPrinting(station); // before any posting: every receipt queues its print job in its own transaction
    attachDevices(station); // opens the configured devices in the background; missing ones keep retrying
    startSync(station);
    attachBackups(station); // idles until an admin sets a backup folder
    // The demo takes card payments on the terminal emulator; unfinished card attempts are settled first.
    if (process.argv.includes('--demo')) await startDemoTerminal(station);
    void startCardRecovery(station);
    registerIpc(station);
    win = createWindow();
  }).catch((e: unknown) => {
    // Nothing to show a cashier yet: say it plainly and stop.
    process.stderr.write(`civictill: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    app.exit(1);
  });
}
