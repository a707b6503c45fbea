import { describe, expect, it } from 'vitest';
import { APP_URL, CSP, appFile, dbPathFrom, isAppUrl, OP_NAME, trustedSender } from '../../../src/main/shell/policy';
import { api } from '../../../src/shared/api';

describe('the Electron shell policy', () => {
  it('serves files only from inside the renderer folder', () => {
    expect(appFile('/app/renderer', 'app://civictill/index.html')).toBe('/app/renderer/index.html');
    expect(appFile('/app/renderer', 'app://civictill/')).toBe('/app/renderer/index.html');
    expect(appFile('/app/renderer', 'app://civictill/assets/x.js')).toBe('/app/renderer/assets/x.js');
    expect(appFile('/app/renderer', 'app://civictill/../main/index.js')).toBe('/app/renderer/main/index.js');
    // Dot segments, encoded or not: whatever the URL, the file stays inside the folder.
    for (const hostile of ['app://civictill/%2e%2e/%2e%2e/etc/passwd', 'app://civictill/a/%2F..%2F..%2F..%2Fetc/passwd', 'app://civictill/..%5C..%5Cwin.ini']) {
      const f = appFile('/app/renderer', hostile);
      expect(f === null || f.startsWith('/app/renderer/')).toBe(true);
    }
    expect(appFile('/app/renderer', 'app://other/index.html')).toBeNull();
    expect(appFile('/app/renderer', 'file:///etc/passwd')).toBeNull();
  });

  it('answers IPC only from the app origin top frame', () => {
    expect(trustedSender(APP_URL, true)).toBe(true);
    expect(trustedSender(APP_URL, false)).toBe(false);
    expect(trustedSender('https://evil.example/', true)).toBe(false);
    expect(trustedSender('file:///tmp/x.html', true)).toBe(false);
    expect(trustedSender(undefined, true)).toBe(false);
    expect(isAppUrl('app://civictill.evil/')).toBe(false);
  });

  it('has a strict content security policy', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
  });

  it('accepts every contract operation name in the preload and nothing odd', () => {
    for (const name of Object.keys(api)) expect(name).toMatch(OP_NAME);
    expect('constructor').not.toMatch(OP_NAME);
    expect('a.b/../c').not.toMatch(OP_NAME);
  });

  it('takes --db from the command line, else a file in the user data folder', () => {
    expect(dbPathFrom(['electron', '.', '--db', '/tmp/x.db'], '/home/u/.config/CivicTill')).toBe('/tmp/x.db');
    expect(dbPathFrom(['electron', '.'], '/home/u/.config/CivicTill')).toBe('/home/u/.config/CivicTill/civictill.db');
  });
});
