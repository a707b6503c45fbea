// @doyensec/electronegativity over the Electron shell (main, preload, the renderer's page): no finding
// of high or medium severity. The one "review required" finding — that a preload exists at all — is
// reviewed here: the preload exposes exactly call/on through contextBridge and nothing else.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'civictill-eneg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Findings a person has reviewed, with where the review is written down. */
const REVIEWED: Record<string, (f: Finding) => boolean> = {
  // The check fires for any preload script; what it exposes is asserted below.
  PRELOAD_JS_CHECK: (f) => f.file === 'main.ts',
};

interface Finding { id: string; severity: string; confidence: string; file: string; location: string; description: string }

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell.trim()); cell = ''; }
    else if (c === '\n') { row.push(cell.trim()); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell.trim()); rows.push(row); }
  return rows;
}

it('finds nothing of high or medium severity in the Electron shell', () => {
  copyFileSync(join(root, 'src/main/index.ts'), join(dir, 'main.ts'));
  copyFileSync(join(root, 'src/preload/index.ts'), join(dir, 'preload.ts'));
  copyFileSync(join(root, 'src/renderer/index.html'), join(dir, 'index.html'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const bin = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const electron = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  // The release-notes check needs the network (it asks GitHub for Electron's releases): not in tests.
  const r = spawnSync(process.execPath, [bin, '-i', dir, '-r', '-e', electron, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', join(dir, 'report.csv')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const [head, ...rows] = parseCsv(readFileSync(join(dir, 'report.csv'), 'utf8')).filter((x) => x.length > 5);
  expect(head?.[0]).toBe('issue');
  const findings: Finding[] = rows.map(([id, severity, confidence, file, location, , description]) => ({ id: id!, severity: severity!, confidence: confidence!, file: file!, location: location!, description: description! }));
  const serious = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !REVIEWED[f.id]?.(f));
  expect(serious).toEqual([]);
}, 60_000);

it('has a preload that exposes only call and on', () => {
  const src = readFileSync(join(root, 'src/preload/index.ts'), 'utf8');
  expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
  const exposed = /exposeInMainWorld\('civictill', \{([\s\S]*)\}\);/.exec(src)![1]!;
  expect([...exposed.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1])).toEqual(['call', 'on']);
  expect(src).not.toMatch(/require\(|process\.|ipcRenderer\.send\(/);
});
