// What the Electron shell allows, as plain functions (no electron import) so tests can check them:
// the app's own origin, the files it may serve, the content security policy, trusted IPC senders.
import { isAbsolute, join, normalize, relative, resolve } from 'node:path';

/** The renderer is served from this origin (a privileged custom scheme), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'civictill';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The renderer's policy: its own code and styles only, no inline script, no eval, no remote anything. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // data: for the check images the station hands over as PNG (issue 16): pictures, never script.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for a URL inside the app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The file under the renderer folder an app:// URL names, or null when it would leave that folder. */
export function appFile(rendererRoot: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const path = decodeURIComponent(new URL(url).pathname);
  const rel = normalize(path === '/' ? '/index.html' : path).replace(/^[/\\]+/, '');
  const root = resolve(rendererRoot);
  const file = resolve(join(root, rel));
  const r = relative(root, file);
  if (r === '' || r.startsWith('..') || isAbsolute(r)) return null;
  return file;
}

/** IPC is answered only for the app's own top-level frame. */
export function trustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/** Operation names as the preload forwards them: dotted identifiers. */
export const OP_NAME = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/;

/** `--db PATH` from the Electron command line, else the default beside the user's data. */
export function dbPathFrom(argv: readonly string[], userData: string): string {
  const i = argv.indexOf('--db');
  const v = i >= 0 ? argv[i + 1] : undefined;
  return v && !v.startsWith('--') ? resolve(v) : join(userData, 'civictill.db');
}
